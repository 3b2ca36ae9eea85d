"""`narrative-check rules` and `narrative-check rule CODE`: the rule registry, read out.

Both read rules.RULES and nothing else, so a rule added to the registry shows here
without a change to this file."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from .rules import RULES, Rule


def find_rule(name: str) -> Rule | None:
    """A rule by code ('NC101', 'nc101') or kind name ('amount-mismatch')."""
    wanted = name.strip().lower()
    return next((r for r in RULES if wanted in (r.code.lower(), r.kind.lower())), None)


def explain(rule: Rule) -> str:
    out = [f"{rule.code} {rule.kind} ({rule.severity})", "", rule.summary]
    if rule.example:
        out += ["", "Example:", f"    {rule.example}"]
    out += ["", f"Select or skip it with --select {rule.code} / --ignore {rule.code}, or by prefix ({rule.code[:3]}) "
            f"or by kind ({rule.kind})."]
    return "\n".join(out) + "\n"


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_command(fmt: str) -> None:
    """List every rule: code, kind, severity, what it checks, an example."""
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in RULES], ensure_ascii=False, indent=2))
        return
    width = max(len(r.kind) for r in RULES)
    for r in RULES:
        click.echo(f"{r.code}  {r.kind:<{width}}  {r.severity:<7}  {r.summary}")
        if r.example:
            click.echo(f"{'':5}  {'':<{width}}  {'':<7}  e.g. {r.example}")
    click.echo(f"{len(RULES)} rules. `narrative-check rule CODE` explains one.")


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Explain one rule, by code (NC101) or kind (amount-mismatch)."""
    rule = find_rule(code)
    if rule is None:
        known = ", ".join(r.code for r in RULES)
        raise click.BadParameter(f"no rule {code!r}; the rules are {known} (see `narrative-check rules`)",
                                 param_hint="CODE")
    click.echo(explain(rule), nl=False)


COMMANDS: list[click.Command] = [rules_command, rule_command]
