package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"

	"shebao"
	"shebao/auditlog"
	"shebao/i18n"
)

// auditData is the audit log viewer's page.
type auditData struct {
	formState
	Q          url.Values // the filters as typed, for the form and the links
	Rows       []auditRow
	Pager      pager
	ExportXLSX string
	ExportCSV  string
}

// auditRow is an audit entry as people read it: its time in the office's
// zone, its role, channel and action by their labels, its detail field by
// field.
type auditRow struct {
	shebao.AuditRow
	When                                 string
	RoleLabel, ChannelLabel, ActionLabel string
	Fields                               []payloadField
}

// newAuditRow labels an audit entry in lang.
func newAuditRow(row shebao.AuditRow, lang i18n.Lang) auditRow {
	l := auditLabels{lang}
	return auditRow{AuditRow: row, When: auditlog.When(row.At), RoleLabel: l.Role(row.Role),
		ChannelLabel: l.Channel(row.Channel), ActionLabel: l.Action(row.Action), Fields: auditDetail(row.Detail, lang)}
}

// auditFields are the viewer's filters.
var auditFields = []string{"credit_code", "id_number", "username", "action", "from", "to"}

// readAuditQuery reads the viewer's filters from the URL.
func readAuditQuery(r *http.Request) (auditlog.Query, url.Values, error) {
	vals := url.Values{}
	for _, f := range auditFields {
		v, err := text(r, f, maxField)
		if err != nil {
			return auditlog.Query{}, vals, err
		}
		if v != "" {
			vals.Set(f, v)
		}
	}
	q := auditlog.Query{CreditCode: vals.Get("credit_code"), IDNumber: vals.Get("id_number"),
		Username: vals.Get("username"), Action: vals.Get("action")}
	for _, f := range []struct {
		name string
		dst  *shebao.Date
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := vals.Get(f.name); s != "" {
			d, err := shebao.ParseDate(s)
			if err != nil {
				return q, vals, shebao.WithField(err, f.name)
			}
			*f.dst = d
		}
	}
	return q, vals, nil
}

// auditLog shows the audit log, newest first (GET /admin/audit?…).
func (h *handler) auditLog(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleAdmin); err != nil {
		return err
	}
	q, vals, err := readAuditQuery(r)
	d := auditData{Q: vals}
	status := http.StatusOK
	page := pageParam(r)
	if err == nil {
		var p auditlog.Page
		if p, err = h.svc.Audit.List(r.Context(), u.Actor, q, pageSize, (page-1)*pageSize); err == nil {
			for _, row := range p.Rows {
				d.Rows = append(d.Rows, newAuditRow(row, h.lang(r)))
			}
			d.Pager = newPager("/admin/audit", cloneValues(vals), page, p.Total)
		}
	}
	if err != nil {
		if !d.setError(h.lang(r), err, auditFields...) {
			return err
		}
		status = http.StatusUnprocessableEntity
	}
	for _, f := range []string{"xlsx", "csv"} {
		x := cloneValues(vals)
		x.Set("format", f)
		link := "/admin/audit/export?" + x.Encode()
		if f == "xlsx" {
			d.ExportXLSX = link
		} else {
			d.ExportCSV = link
		}
	}
	v := h.userView(r, u, "office.audit.title")
	v.Data = d
	return h.render(w, r, status, "audit", v)
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// auditExport streams the entries matching the filters as .xlsx or CSV
// (GET /admin/audit/export?format=xlsx|csv&…).
func (h *handler) auditExport(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleAdmin); err != nil {
		return err
	}
	q, _, err := readAuditQuery(r)
	if err != nil {
		return err
	}
	format := auditlog.Format(r.URL.Query().Get("format"))
	ctype := ctypeCSV
	if format == auditlog.XLSX {
		ctype = ctypeXLSX
	}
	name := fmt.Sprintf("audit-%s.%s", shebao.Today(h.clock), format)
	return h.streamDownload(w, r, ctype, func(start func(string) (io.Writer, error)) error {
		// Export refuses before its first byte: the download starts with it.
		return h.svc.Audit.Export(r.Context(), u.Actor, q, format, auditLabels{h.lang(r)},
			&startOnWrite{start: func() (io.Writer, error) { return start(name) }})
	})
}
