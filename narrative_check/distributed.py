"""check_many on a Dask cluster, for when one machine is not enough.

Dask's scheduler places the documents on the workers and hands results back as they
finish; each task is check_file(), the same one the local worker processes run, so an
Outcome from the cluster is the same as one from ``check_many``. Dask was chosen over
Ray by cost here: ``distributed`` and its dependencies are pure-Python wheels (a few
MB), where Ray is a platform wheel of well over 50 MB with its own object store.

Two ways to reach the documents: workers read the paths themselves (a shared file
system mounted at the same place everywhere), or ``send=True`` ships each file's bytes
with its task and the worker checks a temporary copy.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from .batch import Outcome, check_file, content_hash, expand_inputs
from .config import Config


def check_content(name: str, data: bytes, config: Config | None = None) -> Outcome:
    """Check a document given as bytes (on a worker without the client's files): a
    temporary copy with the same extension, reported under its original name."""
    suffix = Path(name).suffix
    with tempfile.TemporaryDirectory(prefix="narrative-check-") as folder:
        copy = Path(folder) / f"document{suffix}"
        copy.write_bytes(data)
        outcome = check_file(str(copy), config)
    outcome.path = name
    if outcome.report is not None:
        outcome.report.document = name
    if outcome.message:
        outcome.message = outcome.message.replace(str(copy), name)
    return outcome


def check_many_dask(
    paths: Iterable[str | Path],
    *,
    client: Any = None,
    address: str | None = None,
    config: Config | None = None,
    send: bool = False,
    skip: set[str] | None = None,
) -> Iterator[Outcome]:
    """Check documents on a Dask cluster and yield each Outcome as it finishes.

    ``client`` is a ``distributed.Client``; without one, a client is opened to
    ``address`` (a scheduler such as ``tcp://10.0.0.5:8786``) and closed at the end.
    ``send=True`` ships file contents instead of paths. Documents whose content hash is
    in ``skip`` are left out (resume). A task lost with its worker (killed for memory,
    crashed) comes back as an Outcome with ``error='crash'``.
    """
    from distributed import Client, as_completed

    own = client is None
    if own:
        if not address:
            raise ValueError("give a distributed.Client or a scheduler address")
        client = Client(address)
    try:
        futures = {}
        for path in expand_inputs(paths):
            digest = content_hash(path)
            if skip and digest in skip:
                continue
            name = str(path)
            if send:
                try:
                    data = path.read_bytes()
                except OSError:
                    futures[client.submit(check_file, name, config, pure=False)] = (name, digest)
                    continue
                futures[client.submit(check_content, name, data, config, pure=False)] = (name, digest)
            else:
                futures[client.submit(check_file, name, config, pure=False)] = (name, digest)
        for future in as_completed(list(futures)):
            name, digest = futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # KilledWorker, a lost connection: this document only
                yield Outcome(path=name, sha256=digest, error="crash",
                              message=f"{name}: the cluster could not check it ({type(exc).__name__}: {exc})")
            finally:
                future.release()
    finally:
        if own:
            client.close()
