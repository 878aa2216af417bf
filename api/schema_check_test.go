package api_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"

	"shebao/api"
)

// docValidator is the validator built from openapi.yaml, once per test run.
var docValidator = sync.OnceValues(func() (validator.Validator, error) {
	doc, err := libopenapi.NewDocument(api.OpenAPIDoc)
	if err != nil {
		return nil, err
	}
	v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return v, nil
})

// checkResponse fails t unless the response in w to r is one openapi.yaml
// documents for r's operation: a declared status, and a body that matches
// its schema. Requests to paths the document does not describe (tests of
// the catch-all) are not checked.
func checkResponse(t *testing.T, r *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	v, err := docValidator()
	if err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	res := w.Result()
	res.Body = io.NopCloser(bytes.NewReader(w.Body.Bytes()))
	ok, verrs := v.ValidateHttpResponse(r, res)
	if ok {
		return
	}
	for _, e := range verrs {
		if e.ValidationType == "path" && (w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed) {
			return // an undocumented path, answered as such
		}
		msg := e.Message + ": " + e.Reason
		for _, s := range e.SchemaValidationErrors {
			msg += "\n\t" + s.FieldPath + ": " + s.Reason
		}
		t.Errorf("%s %s → %d does not match openapi.yaml: %s\nbody: %s", r.Method, r.URL.Path, w.Code, msg,
			strings.TrimSpace(w.Body.String()))
	}
}
