// The theme's storage helpers (Material's partials/javascripts/base.html), as a file so
// that the Content-Security-Policy needs no inline script. The scope is the site root,
// two levels above this file, where Material uses the page's base URL: the same place.
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
// The drawer and search toggles have no autocomplete="off" (overrides/base.html): a page
// the browser reloads or goes back to with its form state restored starts with both closed,
// as Material's attribute made it; `change` tells Material's script of the new state.
addEventListener("pageshow",e=>{if(!e.persisted)for(const t of document.querySelectorAll("input.md-toggle[data-md-toggle]"))t.checked&&(t.checked=!1,t.dispatchEvent(new Event("change")))})
