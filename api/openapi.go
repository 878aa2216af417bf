package api

import (
	_ "embed"
	"net/http"

	"shebao"
)

// openAPIDoc is the API's OpenAPI 3.1 description.
//
//go:embed openapi.yaml
var openAPIDoc []byte

// openAPI serves the OpenAPI document.
func (s *server) openAPI(w http.ResponseWriter, r *http.Request, _ shebao.Actor) error {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, err := w.Write(openAPIDoc)
	if err != nil {
		s.log().WarnContext(r.Context(), "openapi document not written", "err", err)
	}
	return nil
}
