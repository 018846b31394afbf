"""Package layout the pyproject.toml table cannot say: the theme and the plugin ship inside the wheel.

The repository keeps `theme/` and `plugins/gongshi_portal/` at the top level (the demo's
pelicanconf.py names them); an installed package carries them as `gongshi/theme/` (package
data) and the top-level module `gongshi_portal`, so `gongshi init` works from a wheel.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("generator"), "gongshi_portal", "gongshi.theme"],
    package_dir={"": "generator", "gongshi_portal": "plugins/gongshi_portal", "gongshi.theme": "theme"},
    package_data={"gongshi.theme": ["templates/**/*.html", "static/**/*"]},
    include_package_data=False,
)
