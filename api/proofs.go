package api

import (
	"net/http"
	"net/url"

	"shebao"
	"shebao/proof"
)

// proofRequest is the body of POST /api/v1/proofs.
type proofRequest struct {
	Kind      string `json:"kind"`
	IDNumber  string `json:"id_number"`
	ClientKey string `json:"client_key"`
}

// proofJSON is an issued proof of insurance (参保证明): its verification
// code, the signed content, and the item it was recorded as.
type proofJSON struct {
	Code       string        `json:"code"`
	Kind       string        `json:"kind"`
	IssuedAt   string        `json:"issued_at"`
	VerifyPath string        `json:"verify_path"`
	Content    proof.Content `json:"content"`
	Item       itemJSON      `json:"item"`
}

func proofOf(is proof.Issued, r *http.Request) proofJSON {
	return proofJSON{Code: is.Proof.Code, Kind: string(is.Proof.Kind), IssuedAt: timeJSON(is.Proof.IssuedAt),
		VerifyPath: proof.VerifyPath(is.Proof.Code), Content: is.Content, Item: itemOf(is.Item, langOf(r))}
}

// issueProof issues a proof of the unit's or a person's insurance, as the
// page POST /proofs does: operators only.
func (s *server) issueProof(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyOperators(a); err != nil {
		return err
	}
	var body proofRequest
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	key, err := clientKey(r, body.ClientKey)
	if err != nil {
		return err
	}
	is, err := s.svc.Proof.Issue(r.Context(), a, proof.Request{Kind: shebao.ProofKind(body.Kind), IDNumber: body.IDNumber,
		ClientKey: key})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/proofs/"+url.PathEscape(is.Proof.Code))
	s.writeJSON(w, r, created(is.Item), proofOf(is, r))
	return nil
}

// getProof answers an issued proof of the unit again, as the page GET
// /proofs/{code} does: operators only.
func (s *server) getProof(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyOperators(a); err != nil {
		return err
	}
	is, err := s.svc.Proof.Proof(r.Context(), a, r.PathValue("code"))
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, proofOf(is, r))
	return nil
}
