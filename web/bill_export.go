package web

import (
	"io"
	"net/http"

	"shebao"
	"shebao/billing"
)

// billExport streams a unit's contribution details for a range of periods
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
	ctype := ctypeCSV
	if format == billing.FormatXLSX {
		ctype = ctypeXLSX
	}
	return h.streamDownload(w, r, ctype, func(start func(string) (io.Writer, error)) error {
		_, err := h.svc.Billing.WriteExport(r.Context(), u.Actor, unitID, from, to, format,
			billing.Translator(translator(h.lang(r))), start)
		return err
	})
}

// billPeriodParam reads a required period from the query; errors name it.
func billPeriodParam(r *http.Request, name string) (shebao.Period, error) {
	raw, err := required(r, name, maxField)
	if err != nil {
		return 0, err
	}
	return billing.ParsePeriod(raw, name)
}
