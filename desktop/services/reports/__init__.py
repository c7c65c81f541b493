"""PDF reports (reportlab, no Qt): dossiers, NIP letters, the school's visibility document.

``base`` holds the building blocks every report shares (fonts, styles, French typography and
formatting, the page template with header and "page x de y" footer, tables); each report is one
module beside it.
"""
