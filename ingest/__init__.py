"""Reading and validating uploaded files: pure, like ``screening``.

Bytes in (CSV or XLSX, any encoding, messy headers), typed rows or row errors out, each error
with its row, column and value. Nothing here touches the database or the web framework, so
the upload endpoint, the background job and ``flrisk score`` read a file the same way.
"""
