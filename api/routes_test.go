package api

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"shebao"
	"shebao/i18n"
)

// Lines of openapi.yaml: a path (indented by two spaces) and an operation
// (by four).
var (
	pathLine = regexp.MustCompile(`^  (/[^:]*):$`)
	opLine   = regexp.MustCompile(`^    (get|post|put|delete|patch):$`)
)

// TestOpenAPIDocumentsEveryRoute checks that the embedded OpenAPI document
// describes every route of the route table, method included, and is served.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := string(openAPIDoc)
	if !strings.HasPrefix(doc, "openapi: 3.1") {
		t.Fatalf("openapi.yaml starts %.40q", doc)
	}
	ops := map[string]bool{}
	var path string
	for _, line := range strings.Split(doc, "\n") {
		if m := pathLine.FindStringSubmatch(line); m != nil {
			path = m[1]
		} else if m := opLine.FindStringSubmatch(line); m != nil && path != "" {
			ops[strings.ToUpper(m[1])+" /api/v1"+path] = true
		} else if line != "" && !strings.HasPrefix(line, "  ") {
			path = ""
		}
	}
	s := &server{}
	for _, rt := range s.routes() {
		if !strings.Contains(rt.pattern, " ") {
			continue // the catch-all
		}
		if !ops[rt.pattern] {
			t.Errorf("route %s is not in openapi.yaml", rt.pattern)
		}
		delete(ops, rt.pattern)
	}
	for op := range ops {
		t.Errorf("openapi.yaml documents %s, which no route serves", op)
	}

	w := httptest.NewRecorder()
	New(Deps{}).ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.yaml", nil))
	if w.Code != http.StatusOK || w.Body.String() != doc {
		t.Errorf("GET /api/v1/openapi.yaml = %d, %d bytes", w.Code, w.Body.Len())
	}
}

// TestReasonsHaveMessages checks that every reason of the API layer has a
// message in the catalogue, in both languages.
func TestReasonsHaveMessages(t *testing.T) {
	reasons := []string{ReasonContentType, ReasonBodyTooLarge, ReasonJSONMalformed, ReasonJSONUnknown,
		ReasonJSONInteger, ReasonJSONString, ReasonJSONObject, ReasonJSONType, ReasonWageConflict,
		ReasonKeyMismatch, shebao.ReasonKeyReused, ReasonTerminal, ReasonBearerRequired, shebao.ReasonUnknownStatus}
	for _, r := range reasons {
		key := "reason." + r
		if !i18n.Has(key) {
			t.Errorf("no message for %s", key)
			continue
		}
		if i18n.T(i18n.ZH, key) == i18n.T(i18n.EN, key) {
			t.Errorf("%s is not translated", key)
		}
	}
}
