"""HTML views of a gold document and of a system's errors (``wiregold render``).

One self-contained HTML file per view: the document text with every annotation layer
marked up, inline CSS and a little inline JavaScript, no network access.

- :mod:`wiregold.render.markup`: spans to properly nested HTML (nesting, crossing);
- :mod:`wiregold.render.gold_marks`: the gold layers as marks, and the item data the
  page's script shows on click;
- :mod:`wiregold.render.error_marks`: a scored prediction's outcomes (matched, missed,
  spurious, wrong type, partial, ...) from the scorer's error items;
- :mod:`wiregold.render.page`: the page (header, legend, layer toggles, panels);
- :mod:`wiregold.render.browser`: headless Chromium, for the tests and screenshots.

This package imports nothing at import time, so the CLI stays fast.
"""
