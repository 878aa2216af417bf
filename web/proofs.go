package web

import (
	"crypto/rand"
	"html/template"
	"net/http"
	"net/url"

	"shebao"
	"shebao/catalogue"
	"shebao/proof"
)

// proofNewData is the page that issues a proof: of the unit at once, or of
// a person after the ID step.
type proofNewData struct {
	Step      idStep
	ClientKey string // the forms' key: a double click issues one proof
}

// proofNew shows the choice of proof and the person's ID step
// (GET /proofs/new).
func (h *handler) proofNew(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	d := proofNewData{Step: h.checkIDStep(r, u, "/proofs/new"), ClientKey: rand.Text()}
	v := h.userView(r, u, "proof.new.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "proof_new", v)
}

// proofPost issues a proof (POST /proofs) and shows it for printing.
func (h *handler) proofPost(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	req := proof.Request{Kind: shebao.ProofKind(r.PostForm.Get("kind"))}
	var err error
	if req.IDNumber, err = text(r, "id_number", maxField); err != nil {
		return err
	}
	if req.ClientKey, err = text(r, "client_key", catalogue.MaxClientKey); err != nil {
		return err
	}
	is, err := h.svc.Proof.Issue(r.Context(), u.Actor, req)
	if err != nil {
		d := proofNewData{Step: idStep{Action: "/proofs/new", IDNumber: req.IDNumber, Checked: true}, ClientKey: rand.Text()}
		if err := h.refuse(r, &d.Step, err); err != nil {
			return err
		}
		v := h.userView(r, u, "proof.new.title")
		v.Data = d
		return h.render(w, r, http.StatusUnprocessableEntity, "proof_new", v)
	}
	http.Redirect(w, r, "/proofs/"+url.PathEscape(is.Proof.Code), http.StatusSeeOther)
	return nil
}

// proofData is a printable proof.
type proofData struct {
	Issued    proof.Issued
	IssuedAt  string // office time
	VerifyURL string
	QR        template.URL // data: URI of the QR code of VerifyURL, made here: safe
}

// proofShow shows an issued proof of the unit for printing, again if need
// be (GET /proofs/{code}).
func (h *handler) proofShow(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	is, err := h.svc.Proof.Proof(r.Context(), u.Actor, r.PathValue("code"))
	if err != nil {
		return err
	}
	d := proofData{Issued: is, IssuedAt: officeTime(is.Proof.IssuedAt),
		VerifyURL: h.publicAddress(r) + proof.VerifyPath(is.Proof.Code)}
	qr, err := proof.QRDataURI(d.VerifyURL, 256)
	if err != nil {
		return err
	}
	d.QR = template.URL(qr) // #nosec: a PNG this server just encoded, not user input
	v := h.userView(r, u, "proof.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "proof", v)
}
