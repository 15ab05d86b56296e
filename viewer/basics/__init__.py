"""Shared basics below everything else: reading and writing untrusted files safely (`files`), text
hygiene and search normalisation (`text`), what a file's bytes are (`sniff`), and pausing the
garbage collector while a parser builds many objects (`gc_pause`).

Nothing here knows about decks, slides, pictures or terminals, so every other part of viewer —
the model, the deck sources, imaging, the terminal, the importer, the print path — may use it.
Submodules are imported directly (`from viewer.basics.files import open_regular`): importing this
package costs nothing, which the quick `--print` of one photo counts on.
"""
