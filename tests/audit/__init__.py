"""The web's own referees on the built sites: the Nu HTML Checker and Lighthouse (`make audit`)."""
