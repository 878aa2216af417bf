package api

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// openAPIModel parses the embedded document and builds its OpenAPI 3.1
// model, failing t on any error.
func openAPIModel(t *testing.T) (libopenapi.Document, *v3.Document) {
	t.Helper()
	doc, err := libopenapi.NewDocument(openAPIDoc)
	if err != nil {
		t.Fatalf("openapi.yaml does not parse: %v", err)
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("openapi.yaml is not an OpenAPI 3 model: %v", err)
	}
	return doc, &m.Model
}

// TestOpenAPIValidates checks openapi.yaml against the OpenAPI 3.1 schema
// (0 errors), and that every operation has its own operationId, which
// client generators need.
func TestOpenAPIValidates(t *testing.T) {
	doc, model := openAPIModel(t)
	if !strings.HasPrefix(model.Version, "3.1") {
		t.Errorf("openapi: %s, want 3.1", model.Version)
	}
	v, errs := validator.NewValidator(doc)
	for _, err := range errs {
		t.Fatalf("validator: %v", err)
	}
	_, verrs := v.ValidateDocument()
	for _, e := range verrs {
		t.Errorf("openapi.yaml: %s: %s", e.Message, e.Reason)
		for _, f := range e.SchemaValidationErrors {
			t.Errorf("\tline %d, %s: %s", f.Line, f.KeywordLocation, f.Reason)
		}
	}
	seen := map[string]string{}
	for op, o := range operations(model) {
		switch id := o.OperationId; {
		case id == "":
			t.Errorf("%s has no operationId", op)
		case seen[id] != "":
			t.Errorf("%s and %s share operationId %s", seen[id], op, id)
		default:
			seen[id] = op
		}
	}
}

// operations returns the document's operations by "METHOD /api/v1/path",
// the form of the route table's patterns.
func operations(model *v3.Document) map[string]*v3.Operation {
	ops := map[string]*v3.Operation{}
	for path, item := range model.Paths.PathItems.FromOldest() {
		for method, o := range item.GetOperations().FromOldest() {
			ops[strings.ToUpper(method)+" /api/v1"+path] = o
		}
	}
	return ops
}

// TestOpenAPIDocumentsEveryRoute holds the route table and openapi.yaml to
// the same list of operations: a route the document does not describe, or
// an operation no route serves, fails. docs/API.md lists every route, and
// the document is served as is.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	_, model := openAPIModel(t)
	ops := operations(model)
	s := &server{}
	for _, rt := range s.routes() {
		if !strings.Contains(rt.pattern, " ") {
			continue // the catch-all
		}
		if ops[rt.pattern] == nil {
			t.Errorf("route %s is not in openapi.yaml", rt.pattern)
		}
		delete(ops, rt.pattern)
	}
	for op := range ops {
		t.Errorf("openapi.yaml documents %s, which no route serves", op)
	}

	guide, err := os.ReadFile(filepath.Join("..", "docs/API.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range s.routes() {
		if strings.Contains(rt.pattern, " ") && !strings.Contains(string(guide), "`"+rt.pattern+"`") {
			t.Errorf("docs/API.md does not list %s", rt.pattern)
		}
	}

	w := httptest.NewRecorder()
	New(Deps{}).ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.yaml", nil))
	if w.Code != http.StatusOK || w.Body.String() != string(openAPIDoc) {
		t.Errorf("GET /api/v1/openapi.yaml = %d, %d bytes", w.Code, w.Body.Len())
	}
}
