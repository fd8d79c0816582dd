"""Helpers of the book "Russia and Japan: a data-driven, reproducible report".

Imports point down this list only (see CONTRIBUTING.md):

* ``analysis.data`` — the Load room: the only code that reads data files;
* domain modules, one per dataset concern: ``events``, ``negotiations``, ``islands``,
  ``exchanges``, ``geo`` (map geometry), with ``window`` (the one year window) and ``text``
  (how numbers are written);
* ``analysis.charts`` — the renderer and the chart builders;
* ``analysis.chapter`` and ``analysis.params`` — what a chapter notebook calls first;
* ``analysis.build`` — the build stage (imports the Load room and the parameters only).
"""
