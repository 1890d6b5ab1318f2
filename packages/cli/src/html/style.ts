/** The page's style sheet, inline so the file needs nothing else. */
export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;margin:0 auto;max-width:1180px;padding:20px 28px;background:#fafbfc}
h1{margin:0;font-size:24px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde3ea;padding-bottom:4px}
h2 small{font-weight:normal;color:#66707d;font-size:13px;margin-left:6px}.sub{color:#66707d;margin:4px 0 0}.intro{margin:6px 0 0;max-width:860px}h3{font-size:15px;margin:14px 0 2px}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:16px 0}.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:8px 14px;min-width:110px}
.card .v{font-size:20px;font-weight:600}.card .k{color:#66707d;font-size:12px}
table{border-collapse:collapse;margin:8px 0 4px;background:#fff;font-size:13px}th,td{padding:3px 10px;border-bottom:1px solid #eef1f4}
th{background:#f1f4f7;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.t{max-width:520px;overflow-wrap:anywhere}
svg{display:block;margin:6px 0}.lbl{font-size:12px;fill:#1d2430}.val{font-size:12px;fill:#3c4652}.val.small{font-size:10px;fill:#7a8490}
.bar{fill:#3b7dd8}.before{fill:#b9c2cc}.legend{font-size:12px;color:#66707d}.sw{display:inline-block;width:12px;height:10px;margin:0 4px 0 10px}
.sw.bar{background:#3b7dd8}.sw.before{background:#b9c2cc}details{margin:6px 0}summary{cursor:pointer;font-weight:600}.empty{color:#66707d}
footer{margin-top:30px;color:#8a94a0;font-size:12px}
`
