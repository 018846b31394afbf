"""One build, start to finish: prepare, render through Pelican, index for search, write the manifest, swap in."""
