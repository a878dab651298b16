"""Everything on screen, free of TinyDB and pdfminer: the command line and the Textual dashboard."""
