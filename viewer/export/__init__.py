"""`viewer export`: a deck as a web page to send to someone — one self-contained HTML file, or a
folder with index.html and images/ — readable offline, on a phone, and with JavaScript off.

story.py drives the export; images.py prepares the pictures, render_html.py and page_template.py
write the page, search_script.py carries the app's search rules into it, writing.py writes safely.
No Textual here: the page is made from the model alone.
"""
