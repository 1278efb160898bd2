/// The page's one style sheet. A calm palette from the Okabe–Ito set, which colour-blind readers tell apart; every
/// colour also has a shape or a word beside it (a dashed line, a diamond, "ahead"), so nothing is said by colour
/// alone. Dark when the reader's system is; white, flat and unscrolled in print; one column on a phone.
enum PageStyle {
    static let css = """
        :root{color-scheme:light dark;--bg:#f7f6f2;--fg:#1d2126;--muted:#5d6670;--card:#fff;--border:#e2dfd6;\
        --soft:#efede6;--accent:#0a6ea3;--accent-soft:rgba(10,110,163,.12);--past:#8f99a3;--pace:#55606b;\
        --forecast:#c27c00;--band:rgba(230,159,0,.2);--hit:#c4501b;--ok:#1d7a5c;--warn:#a86a00;--grid:#e6e3da;\
        --mark:#7c858e}
        @media (prefers-color-scheme:dark){:root{--bg:#14171b;--fg:#e4e7ea;--muted:#9aa4ae;--card:#1c2026;\
        --border:#2d333a;--soft:#232830;--accent:#56b4e9;--accent-soft:rgba(86,180,233,.16);--past:#5b6672;\
        --pace:#a7b0b9;--forecast:#e6a817;--band:rgba(230,159,0,.22);--hit:#f0824f;--ok:#3fbf93;--warn:#e6a817;\
        --grid:#2a3037;--mark:#8c96a0}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",\
        Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
        main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
        h1{font-size:1.6rem;margin:0 0 4px;letter-spacing:-.01em}
        h2{font-size:1.2rem;margin:0 0 12px}
        h3{font-size:.95rem;margin:0 0 8px;color:var(--muted);font-weight:600}
        p{margin:0 0 8px}
        section{margin-top:28px}
        .sub{color:var(--muted);margin:0}
        .sub b{color:var(--fg);font-weight:600}
        nav{margin-top:12px;display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.9rem}
        nav a{color:var(--accent);text-decoration:none}
        .chips{display:flex;flex-wrap:wrap;gap:8px;margin:14px 0 0;padding:0;list-style:none}
        .chips li{background:var(--card);border:1px solid var(--border);border-radius:999px;padding:3px 12px;\
        font-size:.88rem;color:var(--muted)}
        .chips b{color:var(--fg)}
        .card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:16px 18px}
        .now{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:14px}
        .now .name{font-weight:600;margin-bottom:2px;overflow-wrap:anywhere}
        .big{font-size:2.1rem;font-weight:650;line-height:1.1;font-variant-numeric:tabular-nums}
        .big small{font-size:.9rem;font-weight:500;color:var(--muted);margin-left:6px}
        .meter{position:relative;height:10px;background:var(--soft);border-radius:5px;margin:10px 0 6px;\
        overflow:visible}
        .meter .fill{position:absolute;left:0;top:0;bottom:0;background:var(--accent);border-radius:5px}
        .meter .even{position:absolute;top:-4px;bottom:-4px;width:0;border-left:2px dashed var(--pace)}
        .meter .m80{position:absolute;top:0;bottom:0;width:0;border-left:1px dotted var(--mark)}
        .facts{margin:8px 0 0;padding:0;list-style:none;font-size:.88rem}
        .facts li{margin:2px 0}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
        .facts dt{color:var(--muted)}
        .facts dd{margin:0}
        .facts b{font-weight:600}
        .ahead{color:var(--warn);font-weight:600}
        .behind{color:var(--ok);font-weight:600}
        .level-high .big{color:var(--hit)}
        .badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:4px;padding:0 6px;\
        border:1px solid currentColor;vertical-align:2px;margin-left:6px}
        .badge.hit{color:var(--hit)}
        .badge.warn{color:var(--warn)}
        .badge.ok{color:var(--ok)}
        .badge.cur{color:var(--accent)}
        .window{border-top:1px solid var(--border);padding-top:22px}
        .charts{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:14px;margin:12px 0}
        .chart h3{margin-bottom:4px}
        .chart p{font-size:.85rem;color:var(--muted)}
        .scroll-x{overflow-x:auto}
        svg{display:block;width:100%;height:auto;font-family:inherit}
        svg text{fill:var(--muted);font-size:11.5px}
        svg .end{text-anchor:end}
        svg .middle{text-anchor:middle}
        svg .strong{fill:var(--fg);font-weight:600}
        svg .grid-line{stroke:var(--grid);stroke-width:1}
        svg .mark-80{stroke:var(--mark);stroke-width:1;stroke-dasharray:2 3}
        svg .mark-100{stroke:var(--hit);stroke-width:1.2;stroke-dasharray:6 3}
        svg .mark-label{fill:var(--fg)}
        svg .pace{stroke:var(--pace);stroke-width:1.3;stroke-dasharray:5 4;fill:none}
        svg .past{stroke:var(--past);stroke-width:1;fill:none;opacity:.55}
        svg .used{stroke:var(--accent);stroke-width:1.4;fill:none;stroke-linejoin:round}
        svg .current{stroke:var(--accent);stroke-width:2.6;fill:none;stroke-linejoin:round}
        svg .area{fill:var(--accent-soft);stroke:none}
        svg .peak-only{fill:url(#hatch);stroke:var(--past);stroke-width:.8}
        svg .peak-dot{fill:none;stroke:var(--past);stroke-width:1.2}
        svg .band{fill:var(--band);stroke:none}
        svg .rate{stroke:var(--forecast);stroke-width:1.8;stroke-dasharray:7 3;fill:none}
        svg .history{stroke:var(--forecast);stroke-width:1.8;stroke-dasharray:1.5 3;fill:none;stroke-linecap:round}
        svg .dot{fill:var(--accent);stroke:var(--card);stroke-width:2}
        svg .hit{fill:var(--hit);stroke:var(--card);stroke-width:1}
        svg .now-line{stroke:var(--fg);stroke-width:1;stroke-dasharray:2 2;opacity:.6}
        svg .reset-line{stroke:var(--mark);stroke-width:.8;stroke-dasharray:1 3}
        svg .hatch-line{stroke:var(--past);stroke-width:1;opacity:.6}
        svg .resolved{fill:var(--ok);opacity:.85}
        svg .active{fill:url(#stripes);stroke:var(--hit);stroke-width:1.2}
        svg .stripe{stroke:var(--hit);stroke-width:2.5}
        svg .version{fill:var(--soft);stroke:var(--border)}
        svg .version-alt{fill:var(--accent-soft);stroke:var(--border)}
        svg .version-text{fill:var(--fg);font-size:10.5px}
        svg .change{stroke:var(--fg);stroke-width:1.2}
        .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0 0;padding:0;list-style:none;font-size:.8rem;\
        color:var(--muted)}
        .legend li{display:flex;align-items:center;gap:5px}
        .legend svg{width:26px;height:12px;display:inline-block}
        .table{overflow:auto;max-height:460px;border:1px solid var(--border);border-radius:10px;background:var(--card)}
        table{border-collapse:collapse;width:100%;font-size:.86rem;font-variant-numeric:tabular-nums}
        caption{text-align:left;padding:8px 12px;color:var(--muted);font-size:.82rem}
        th,td{padding:6px 10px;text-align:left;border-bottom:1px solid var(--border);white-space:nowrap}
        td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:180px}
        th{position:sticky;top:0;background:var(--soft);font-weight:600;z-index:1}
        td.num,th.num{text-align:right}
        tr:last-child td{border-bottom:none}
        .muted{color:var(--muted)}
        .low{color:var(--warn)}
        .bar{display:inline-block;height:8px;background:var(--hit);opacity:.7;border-radius:2px;vertical-align:middle}
        .health{display:grid;grid-template-columns:minmax(200px,1fr) minmax(0,3fr);gap:14px;align-items:start}
        .score{font-size:2.6rem;font-weight:650;line-height:1}
        .two{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin-top:14px}
        footer{margin-top:36px;color:var(--muted);font-size:.82rem}
        .empty{color:var(--muted);font-style:italic}
        @media screen and (max-width:820px){main{padding:18px 14px 36px}.charts,.health,.two{grid-template-columns:minmax(0,1fr)}\
        .big{font-size:1.8rem}.scroll-x>svg{min-width:560px}}
        @media print{:root{--bg:#fff;--card:#fff}body{font-size:11pt}main{max-width:none;padding:0}\
        nav{display:none}.table{max-height:none;overflow:visible;border:none}th{position:static}\
        .card,.charts,tr,h2{break-inside:avoid-page}h2,h3{break-after:avoid-page}.scroll-x{overflow:visible}}
        """
}
