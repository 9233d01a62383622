"""cluster.yaml passes the Ray cluster launcher's own validation."""

from pathlib import Path

import yaml
from ray.autoscaler._private.util import prepare_config, validate_config

CONFIG = Path(__file__).resolve().parents[1] / "cluster.yaml"


def test_cluster_yaml_is_a_valid_ray_cluster_config():
    config = yaml.safe_load(CONFIG.read_text())
    prepared = prepare_config(config)
    validate_config(prepared)
    assert prepared["head_node_type"] == "head.cpu"
    gpu_types = [name for name, t in prepared["available_node_types"].items()
                 if t["node_config"]["InstanceType"].startswith(("g", "p"))]
    assert gpu_types and all(prepared["available_node_types"][t]["max_workers"] > 0 for t in gpu_types)


def test_an_invalid_config_is_rejected():
    import jsonschema
    import pytest

    config = yaml.safe_load(CONFIG.read_text())
    config["available_node_types"]["worker.gpu.spot"]["unknown_field"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate_config(prepare_config(config))
