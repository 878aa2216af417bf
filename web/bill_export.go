package web

import (
	"bytes"
	"mime"
	"net/http"

	"shebao"
	"shebao/billing"
)

// billExport sends a unit's contribution details for a range of periods
// (GET /bill/export?from=2026-01&to=2026-07&format=xlsx|csv; staff add
// credit_code) as a download.
func (h *handler) billExport(w http.ResponseWriter, r *http.Request, u user) error {
	var unitID int64
	var code string
	unitID, ok, err := h.billUnit(r, u, &code)
	if err != nil {
		return err
	}
	if !ok {
		return shebao.Invalid("credit_code", shebao.ReasonRequired)
	}
	from, err := billPeriodParam(r, "from")
	if err != nil {
		return err
	}
	to, err := billPeriodParam(r, "to")
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != billing.FormatXLSX && format != billing.FormatCSV {
		return shebao.Invalid("format", shebao.ReasonExportFormat)
	}
	e, err := h.svc.Billing.Export(r.Context(), u.Actor, unitID, from, to)
	if err != nil {
		return err
	}
	var buf bytes.Buffer // written whole, so that a failure never sends half a file
	ctype := "text/csv; charset=utf-8"
	if format == billing.FormatXLSX {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = e.WriteXLSX(&buf, billing.Translator(translator(h.lang(r))))
	} else {
		err = e.WriteCSV(&buf, billing.Translator(translator(h.lang(r))))
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": e.Filename(format)}))
	_, err = w.Write(buf.Bytes())
	return err
}

// billPeriodParam reads a required period from the query; errors name it.
func billPeriodParam(r *http.Request, name string) (shebao.Period, error) {
	raw, err := required(r, name, maxField)
	if err != nil {
		return 0, err
	}
	return billing.ParsePeriod(raw, name)
}
