"""Serving the built sites with nginx, as the secretariat does (deploy/nginx/).

- ``headers``: the nginx snippet that sends the site's Content-Security-Policy;
- ``precompress``: the .gz and .br copies nginx sends as they are;
- ``passwords``: members' bcrypt entries in the password file;
- ``nginx``: the shipped configuration run on this machine (preview, tests).
"""
