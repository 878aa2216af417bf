package web

import (
	"net/http"

	"shebao"

	"shebao/proof"
)

// verifyData is the public verification page.
type verifyData struct {
	Code         string // as typed
	Checked      bool
	Verification proof.Verification
	Shown        proof.Content // the stored content, the ID number masked for the public
	IssuedAt     string
}

// verify checks a proof's verification code for anyone, without login
// (GET /verify?code=…): it shows the proof's content as stored and whether
// its signature holds, to compare with the printout.
func (h *handler) verify(w http.ResponseWriter, r *http.Request) error {
	d := verifyData{Code: r.URL.Query().Get("code")}
	if len(d.Code) > maxField {
		d.Code = d.Code[:maxField]
	}
	status := http.StatusOK
	if d.Code != "" {
		var err error
		if d.Verification, err = h.svc.Proof.Verify(r.Context(), d.Code); err != nil {
			return err
		}
		d.Checked = true
		d.IssuedAt = officeTime(d.Verification.Proof.IssuedAt)
		d.Shown = d.Verification.Content
		if d.Shown.IDNumber != "" {
			d.Shown.IDNumber = shebao.MaskIDNumber(d.Shown.IDNumber)
		}
		if !d.Verification.Valid() {
			status = http.StatusNotFound
		}
	}
	v := h.view(r, "verify.title")
	v.Data = d
	return h.render(w, r, status, "verify", v)
}
