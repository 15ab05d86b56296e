"""What the terminal can draw: graphics protocol detection, free of Textual (see detect.py)."""
