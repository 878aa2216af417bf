package web

import (
	"html/template"
	"net/http"
	"net/url"

	"shebao"
	"shebao/i18n"
	"shebao/stats"
)

// statsData is the data of the statistics page.
type statsData struct {
	formState
	From, To  string // as typed, or the range shown
	Report    *stats.Report
	Channels  []shebao.Channel
	Bars      template.HTML // inline SVG drawn by package stats from numbers and escaped labels
	Lines     template.HTML
	CollBars  template.HTML // the collection view's chart (stats.CollectionChart)
	ExportURL string
}

// statsPage shows the office statistics of a range of months
// (GET /stats?from=YYYY-MM&to=YYYY-MM): charts drawn on the server as inline
// SVG, and the tables. Staff only. A malformed or too long range is shown
// beside its field.
func (h *handler) statsPage(w http.ResponseWriter, r *http.Request, u user) error {
	if !u.Role.IsStaff() {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	lang := h.lang(r)
	d := statsData{Channels: shebao.Channels}
	var err error
	if d.From, err = text(r, "from", maxField); err != nil {
		return err
	}
	if d.To, err = text(r, "to", maxField); err != nil {
		return err
	}
	v := h.userView(r, u, "stats.title")
	from, to, err := stats.ParseRange(d.From, d.To, shebao.Today(h.clock))
	if err != nil {
		if !d.setError(lang, err, stats.FieldFrom, stats.FieldTo) {
			return err
		}
		v.Data = d
		return h.render(w, r, http.StatusBadRequest, "stats", v)
	}
	rep, err := h.svc.Stats.Report(r.Context(), u.Actor, from, to)
	if err != nil {
		return err
	}
	tr := translator(lang)
	d.From, d.To, d.Report = from.String(), to.String(), &rep
	d.Bars, d.Lines = template.HTML(stats.BarChart(rep, tr)), template.HTML(stats.LineChart(rep, tr))
	d.CollBars = template.HTML(stats.CollectionChart(rep.Collection, tr))
	d.ExportURL = "/stats/export.xlsx?" + url.Values{"from": {d.From}, "to": {d.To}}.Encode()
	v.Data = d
	return h.render(w, r, http.StatusOK, "stats", v)
}

// statsExport sends the statistics of a range as an .xlsx workbook
// (GET /stats/export.xlsx?from=&to=). Staff only.
func (h *handler) statsExport(w http.ResponseWriter, r *http.Request, u user) error {
	if !u.Role.IsStaff() {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	fromText, err := text(r, "from", maxField)
	if err != nil {
		return err
	}
	toText, err := text(r, "to", maxField)
	if err != nil {
		return err
	}
	from, to, err := stats.ParseRange(fromText, toText, shebao.Today(h.clock))
	if err != nil {
		return err
	}
	rep, err := h.svc.Stats.Report(r.Context(), u.Actor, from, to)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="shebao-stats-`+from.String()+`-`+to.String()+`.xlsx"`)
	return stats.WriteXLSX(w, rep, translator(h.lang(r)))
}

// translator binds the catalogue to a language for package stats.
func translator(lang i18n.Lang) stats.Translator {
	return func(key string, args ...string) string { return i18n.T(lang, key, args...) }
}
