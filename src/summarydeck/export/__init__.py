"""`summarydeck export`: decks -> a PDF, one PNG per slide and a contact sheet, via LibreOffice.

For each deck, OUT gets `<stem>.pdf`, `<stem>-slides/NN-<slide-id>.png` and
`<stem>-contact-sheet.png`. One module per job:

- `tools`: find `soffice` and `pdftoppm`, or say how to install them
- `process`: run a tool with a time limit, killing everything it started when time runs out
- `decks`: read the input decks (their visible slides and ids) before any tool runs
- `naming`: slide ids -> safe file names and captions (pure)
- `libreoffice`: every deck -> PDF in one `soffice` run
- `pictures`: PDF pages -> PNGs with `pdftoppm`, in parallel
- `contact_sheet`: tile the slide PNGs into one picture
- `run`: `export_decks`, doing all the work in a staging folder and moving it into place
"""

from summarydeck.export.run import ExportedDeck, export_decks
from summarydeck.export.tools import ToolMissingError

__all__ = ["ExportedDeck", "ToolMissingError", "export_decks"]
