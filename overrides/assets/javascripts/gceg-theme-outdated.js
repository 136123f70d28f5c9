// The outdated-version notice: Material's partials/javascripts/outdated.html, as a file,
// with its base resolved to the site root (__md_scope): the theme's own builds
// "new URL(base_url)" without a base, which throws on every archived page.
var el=document.querySelector("[data-md-component=outdated]"),outdated=__md_get("__outdated",sessionStorage,__md_scope);!0===outdated&&el&&(el.hidden=!1)
