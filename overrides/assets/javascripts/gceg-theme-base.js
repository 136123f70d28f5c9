// The theme's storage helpers (Material's partials/javascripts/base.html), as a file so
// that the Content-Security-Policy needs no inline script. The scope is the site root,
// two levels above this file, where Material uses the page's base URL: the same place.
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
