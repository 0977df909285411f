"""`summarydeck check`: review a built deck as an accessibility checker and a careful editor would.

`reader` turns a .pptx into plain data (slides, shapes, resolved text sizes, colours and fills);
each module in `rules/` is one registered check over that data; `run` applies them all and maps
findings back to the content file and line when the deck is ours; `report` prints them.
"""
