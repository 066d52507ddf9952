"""Reports of a comparison for people: ``html.render`` makes the client-ready HTML page."""
