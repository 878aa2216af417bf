package web

import (
	"errors"
	"net/http"

	"shebao"
)

// employmentData is the data of the employment-registration page.
type employmentData struct {
	formState
	Arrivals []arrival
	Reports  []reportView
	Result   *reportView // the report of the file just imported
}

// arrival is when registrations last arrived by one channel.
type arrival struct {
	Channel shebao.ImportChannel
	Last    *reportView // nil: nothing arrived yet
}

// reportView is an import report with its time written for people.
type reportView struct {
	shebao.ImportReport
	When string
}

func newReportView(r shebao.ImportReport) reportView {
	return reportView{ImportReport: r, When: r.At.In(shebao.Office).Format("2006-01-02 15:04:05")}
}

// employmentPage shows when registrations last arrived by each channel, the
// upload form and the recent import reports (GET /employment). Clerks and
// administrators only.
func (h *handler) employmentPage(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderEmployment(w, r, u, employmentData{})
}

func (h *handler) renderEmployment(w http.ResponseWriter, r *http.Request, u user, d employmentData) error {
	st, err := h.svc.Employment.Status(r.Context(), u.Actor)
	if err != nil {
		return err
	}
	for _, ch := range shebao.ImportChannels {
		a := arrival{Channel: ch}
		if last, ok := st.Last[ch]; ok {
			rv := newReportView(last)
			a.Last = &rv
		}
		d.Arrivals = append(d.Arrivals, a)
	}
	for _, rep := range st.Reports {
		d.Reports = append(d.Reports, newReportView(rep))
	}
	v := h.userView(r, u, "employment.title")
	v.Data = d
	status := http.StatusOK
	if d.HasErrors() {
		status = http.StatusBadRequest
	}
	return h.render(w, r, status, "employment", v)
}

// employmentImport imports an uploaded CSV or .xlsx file and shows its
// report (POST /employment/import, multipart). A file that cannot be read
// as a whole is shown as a message beside the file field.
func (h *handler) employmentImport(w http.ResponseWriter, r *http.Request, u user) error {
	var d employmentData
	f, fh, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		d.setError(h.lang(r), shebao.Invalid("file", shebao.ReasonRequired), "file")
		return h.renderEmployment(w, r, u, d)
	}
	if err != nil {
		return errBadForm
	}
	defer f.Close()
	rep, err := h.svc.Employment.ImportFile(r.Context(), u.Actor, fh.Filename, f)
	if err != nil {
		if !d.setError(h.lang(r), err, "file") {
			return err
		}
		return h.renderEmployment(w, r, u, d)
	}
	rv := newReportView(rep)
	d.Result = &rv
	return h.renderEmployment(w, r, u, d)
}
