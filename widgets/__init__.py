"""Runner's Knee course: models, figures, live controls and data behind the book's widgets.

Layout (one job per module, so a reader can find things):

- pure models, numpy only: ``pf_load``, ``q_angle``, ``return_to_run``, ``training_load``,
  ``cadence``, ``walkthrough``, ``quiz`` ...
- ``clinical``: every clinical number of the course, read from ``data/clinical.yaml``
- ``figures/``: plotly figure builders (no model logic)
- ``live/``: ipywidgets controls for JupyterLab, calling the same models
- ``static/``: HTML/JS generators for the static site (no kernel, no network)
- ``display``: how a figure or static widget is shown, the same way on the site and in Lab
- ``data/``: YAML data files (clinical numbers, decision trees, quizzes, exercises)
"""
