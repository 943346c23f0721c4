// The portal's whole stylesheet: small, one file, cached for ever under a name that changes with
// its content. Colours meet WCAG 2.1 AA contrast (4.5:1 for text); sizes are in rem, so the
// browser's zoom and the large-font mode scale everything; one column below 40rem.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const css = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
html.large{font-size:125%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.55;color:#1b1f24;background:#fff}
a{color:#0a4a9c}
a:visited{color:#5a2d91}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px;box-shadow:0 0 0 6px #ffd43b}
.skip{position:absolute;left:-999rem;top:0;background:#ffd43b;color:#1b1f24;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.site{background:#0a4a9c;color:#fff}
header.site a,header.site a:visited{color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;font-size:1.25rem;margin-right:auto}
.brand a{text-decoration:none}
header.site .brand .tel,header.site .brand .tel:visited{background:#fff;color:#0a4a9c;border-radius:.25rem;padding:0 .35rem;margin-left:.35rem}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
header.site form{margin:0}
.linkish{background:none;border:0;padding:0;font:inherit;color:inherit;text-decoration:underline;cursor:pointer}
main{display:block;padding:1rem 0 2rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.75rem 0 .75rem}
.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.search label{flex-basis:100%;font-weight:600}
.search input{flex:1 1 12rem;min-width:0;font:inherit;padding:.55rem .7rem;border:2px solid #4a5563;border-radius:.3rem}
button,.button{font:inherit;font-weight:600;padding:.55rem 1.1rem;border:2px solid #0a4a9c;border-radius:.3rem;background:#0a4a9c;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
a.button:visited{color:#fff}
button.secondary{background:#fff;color:#0a4a9c}
.call{background:#fff4cc;border-left:.4rem solid #b58100;padding:.75rem 1rem;margin:1rem 0}
.call strong{font-size:1.5rem}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem}
.cards li{border:1px solid #c5ccd6;border-radius:.4rem;padding:.75rem 1rem}
.cards a{font-weight:600}
.muted{color:#4a5563;font-size:.925rem}
ol.list,ul.list{padding-left:1.25rem}
ol.list li,ul.list li{margin:.4rem 0}
.answer{font-size:1.0625rem}
.answer p,.answer ul,.answer ol{margin:0 0 .9rem}
.supplement{border-left:.4rem solid #0a4a9c;background:#eef4fb;padding:.75rem 1rem;margin:1.5rem 0}
.supplement h2{margin-top:0;font-size:1.15rem}
.sources{border-top:1px solid #cbd5e1;margin-top:1.5rem;padding-top:.75rem;font-size:.95rem}
.sources h2{font-size:1.05rem;margin:.5rem 0 .25rem}
.sources ul{margin:0;padding-left:1.25rem}
.sources a{overflow-wrap:anywhere}
.feedback{border:1px solid #c5ccd6;border-radius:.4rem;padding:1rem;margin:1.5rem 0}
.feedback fieldset{border:0;margin:0;padding:0}
.feedback legend{font-weight:600;margin-bottom:.5rem;padding:0}
.feedback button{margin-right:.5rem}
.feedback label{display:block;font-weight:600;margin:1rem 0 .25rem}
.feedback textarea{display:block;width:100%;box-sizing:border-box;font:inherit;min-height:5.5rem;padding:.5rem;border:2px solid #4a5563;border-radius:.3rem;margin-bottom:.75rem}
.notice{background:#e6f4ea;border-left:.4rem solid #1e7b34;padding:.75rem 1rem;margin:1rem 0}
.crumbs ol{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#4a5563}
mark{background:#ffe58a;color:inherit}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #c5ccd6;vertical-align:top}
.table{overflow-x:auto}
select{font:inherit;padding:.45rem;max-width:100%;border:2px solid #4a5563;border-radius:.3rem}
form.appeal button{min-height:2.75rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
form.appeal{max-width:40rem}
.field{margin:0 0 1.5rem}
.field>label,.group>legend{display:block;font-weight:600;margin:0 0 .3rem;padding:0}
.optional{font-weight:400;color:#4a5563}
.hint{color:#4a5563;margin:0 0 .4rem}
.input{display:block;width:100%;font:inherit;padding:.55rem .7rem;min-height:2.75rem;border:2px solid #4a5563;border-radius:.3rem;background:#fff;color:inherit}
textarea.input{resize:vertical}
.input-short{max-width:12rem}
.input-medium{max-width:24rem}
fieldset.group{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
fieldset.reply-to{border-left:.25rem solid #c5ccd6;padding-left:1rem}
.option{display:flex;align-items:flex-start;gap:.5rem;margin:.25rem 0}
.option input{flex:none;width:1.5rem;height:1.5rem;margin:.45rem 0 0;accent-color:#0a4a9c}
.option label{padding:.45rem 0;cursor:pointer}
.field.field-error{border-left:.3rem solid #b3261e;padding-left:.9rem}
.error-message{color:#b3261e;font-weight:700;margin:0 0 .4rem}
.input[aria-invalid=true]{border-color:#b3261e;border-width:3px}
.error-summary{border:.25rem solid #b3261e;border-radius:.3rem;padding:1rem 1.25rem;margin:1rem 0 1.5rem}
.error-summary h2{margin:0 0 .5rem;font-size:1.3rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a,.error-summary a:visited{color:#b3261e;font-weight:600}
.suggest{margin:0 0 1.5rem}
.suggestions{border-left:.4rem solid #0a4a9c;background:#eef4fb;padding:.75rem 1rem;margin:0 0 1.5rem}
.suggestions h3{margin:.25rem 0 .5rem;font-size:1.15rem}
.new-tab{font-weight:400;font-size:.875rem;white-space:nowrap}
.note{border-left:.4rem solid #4a5563;padding:.25rem 0 .25rem 1rem}
input[type=file].input{padding:.45rem}
.files{list-style:none;padding:0;margin:.5rem 0}
.files li{margin:0 0 .5rem}
.files form{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
.file-name{overflow-wrap:anywhere;min-width:0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:center;margin:1.5rem 0}
.types li h3{margin:0 0 .5rem;font-size:1.15rem}
.panel{background:#1e7b34;color:#fff;border-radius:.4rem;padding:1.25rem 1.5rem;margin:1rem 0 1.5rem}
.panel h1{margin:0 0 1rem}
.receipt{margin:0}
.receipt div{margin:0 0 .75rem}
.receipt dt{font-size:1.1rem}
.receipt dd{margin:0;font-size:1.75rem;font-size:min(2.25rem,8vw);font-weight:700;line-height:1.2;white-space:nowrap}
.warning{background:#fff4cc;border-left:.4rem solid #b58100;padding:.75rem 1rem;margin:1rem 0}
.nowrap{white-space:nowrap}
.code{font-family:ui-monospace,"Cascadia Mono","DejaVu Sans Mono",Consolas,monospace;letter-spacing:.12em}
.facts{display:grid;grid-template-columns:minmax(0,14rem) minmax(0,1fr);gap:0;margin:1rem 0 1.5rem}
.facts div{display:contents}
.facts dt,.facts dd{margin:0;padding:.5rem .5rem .5rem 0;border-bottom:1px solid #c5ccd6}
.facts dt{font-weight:600}
.answer-box{border-left:.4rem solid #1e7b34;background:#e6f4ea;padding:.75rem 1rem;margin:1.5rem 0}
.answer-box h2{margin:.25rem 0 .5rem}
.answer-box h3{margin:1rem 0 .25rem;font-size:1.1rem}
.message-text{white-space:pre-line;overflow-wrap:anywhere}
ul.messages{list-style:none;padding:0}
ul.messages li{border-top:1px solid #c5ccd6;padding:.5rem 0}
.nav-counter{display:block;font-size:1rem;font-weight:400;color:#4a5563;margin:0 0 .25rem}
.nav-form{margin-top:1.25rem}
.nav-form legend{float:left;width:100%}
.nav-form legend+*{clear:left}
.nav-form .actions a{padding:.55rem 0}
.nav-count{font-weight:400}
.measures{list-style:none;padding:0;margin:0}
.measure{border:1px solid #c5ccd6;border-left:.4rem solid #1e7b34;border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem}
.nav-possibly .measure{border-left-color:#b58100}
.nav-not .measure{border-left-color:#4a5563}
.measure h3{margin:0 0 .5rem;font-size:1.15rem}
.measure .facts{grid-template-columns:minmax(0,11rem) minmax(0,1fr);margin:.5rem 0}
.measure .supplement h4{margin:0 0 .25rem}
.nav-why,.nav-links{margin:0;padding-left:1.1rem}
.nav-why li,.nav-links li{margin:0 0 .25rem}
.facts dd{overflow-wrap:anywhere}
.nav-answers .facts{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}
.home h2{margin-top:1.25rem}
.open-now{font-size:1.15rem}
details.hours{margin:1rem 0}
details.hours summary{cursor:pointer;font-weight:600;padding:.5rem 0;color:#0a4a9c}
@media (min-width:48rem){.home{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 2rem;align-items:start}.home .sections{grid-column:1;grid-row:1/span 2}.home .recent{grid-column:2;grid-row:1}.home .popular{grid-column:2;grid-row:2}}
footer.site{border-top:1px solid #c5ccd6;padding:1.5rem 0;color:#4a5563;font-size:.925rem}
footer.site ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
@media (max-width:40rem){h1{font-size:1.45rem}.brand{font-size:1.1rem}.facts,.measure .facts,.nav-answers .facts{grid-template-columns:minmax(0,1fr)}.facts dt{border-bottom:0;padding-bottom:0}.panel{padding:1rem}}
@media print{header.site,footer.site,.feedback,.search,.skip,.crumbs,.no-print{display:none}.measure{break-inside:avoid}a,a:visited{color:inherit}}
`.trim();

const bytes = Buffer.from(css);
const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export const stylesheet = {
  name: `portal-${hash}.css`,
  body: bytes,
  gzip: gzipSync(bytes),
  etag: `"${hash}"`,
};
