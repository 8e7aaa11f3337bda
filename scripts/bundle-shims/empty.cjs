// Intentionally empty: see scripts/build.mjs for which module this replaces and why.
