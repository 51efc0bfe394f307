"""Package layout that pyproject.toml cannot express: resources/ ships as careerdesk.resources."""

from setuptools import find_packages, setup

# The top-level resources/ folder is installed as the careerdesk.resources
# package, so importlib.resources finds it in a checkout, a wheel and a bundle.
setup(
    packages=[*find_packages(include=["careerdesk", "careerdesk.*"]), "careerdesk.resources"],
    package_dir={"careerdesk.resources": "resources"},
)
