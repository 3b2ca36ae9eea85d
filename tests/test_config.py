"""Settings resolve flag > pyproject [tool.narrative_check] > environment."""

from __future__ import annotations

import pytest

from narrative_check import ConfigError, load_config


def test_environment_then_pyproject_then_flags(tmp_path):
    env = {"OPENAI_API_KEY": "sk-env", "NARRATIVE_CHECK_MODEL": "env-model", "OPENAI_BASE_URL": "http://env"}
    assert load_config(cwd=tmp_path, env=env).model == "env-model"
    (tmp_path / "pyproject.toml").write_text('[tool.narrative_check]\nmodel = "file-model"\nbase-url = "http://file"\n')
    cfg = load_config(cwd=tmp_path, env=env)
    assert (cfg.model, cfg.base_url, cfg.api_key) == ("file-model", "http://file", "sk-env")
    cfg = load_config(cwd=tmp_path, env=env, model="flag-model", base_url=None)
    assert (cfg.model, cfg.base_url) == ("flag-model", "http://file")


def test_extractor_defaults_to_offline_without_a_model_and_hybrid_with_one(tmp_path):
    assert load_config(cwd=tmp_path, env={}).resolved_extractor() == "offline"
    assert load_config(cwd=tmp_path, env={"NARRATIVE_CHECK_MODEL": "m"}).resolved_extractor() == "hybrid"
    assert load_config(cwd=tmp_path, env={}, model="m", extractor="offline").resolved_extractor() == "offline"


def test_unknown_or_bad_settings_name_the_problem(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.narrative_check]\nmodle = "typo"\n')
    with pytest.raises(ConfigError, match="unknown setting.*modle"):
        load_config(cwd=tmp_path, env={})
    (tmp_path / "pyproject.toml").write_text('[tool.narrative_check]\nextractor = "magic"\n')
    with pytest.raises(ConfigError, match="invalid setting"):
        load_config(cwd=tmp_path, env={})
