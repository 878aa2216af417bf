package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// batchOut is the part of a batch answer the tests read.
type batchOut struct {
	ID         int64  `json:"id"`
	Status     string `json:"status"`
	Rows       int    `json:"rows"`
	OK         int    `json:"ok"`
	Refused    int    `json:"refused"`
	Malformed  int    `json:"malformed"`
	Applied    int    `json:"applied"`
	RowResults []struct {
		Row     int    `json:"row"`
		Outcome string `json:"outcome"`
		Reason  string `json:"reason"`
		Message string `json:"message"`
	} `json:"row_results"`
}

// postBatch uploads a workbook as multipart/form-data.
func (ta *testAPI) postBatch(token, kind string, data []byte) *httptest.ResponseRecorder {
	ta.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", "list.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	r := httptest.NewRequest("POST", "/api/v1/batches", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	ta.h.ServeHTTP(w, r)
	return w
}

func enrollWorkbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"身份证号码", "姓名", "业务类型", "月工资(元)"})
	for i, r := range rows {
		_ = f.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+2), &r)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBatchAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		file := enrollWorkbook(t,
			[]any{ta.fx.alice.IDNumber, ta.fx.alice.Name, "新参保", "8000"},
			[]any{ta.fx.bob.IDNumber, ta.fx.bob.Name, "新参保", "8000"},
			[]any{ta.fx.alice.IDNumber, ta.fx.alice.Name, "新参保", "8000"})
		b := decode[batchOut](t, ta.postBatch(token, "enroll", file), http.StatusCreated)
		if b.Status != "checked" || b.Rows != 3 || b.OK != 1 || b.Refused != 1 || b.Malformed != 1 || len(b.RowResults) != 3 {
			t.Fatalf("dry run: %+v", b)
		}
		if b.RowResults[1].Reason != "NO_REGISTRATION" || b.RowResults[2].Reason != "BATCH_DUPLICATE_ID" || b.RowResults[2].Message == "" {
			t.Errorf("rows: %+v", b.RowResults)
		}
		path := "/api/v1/batches/" + strconv.FormatInt(b.ID, 10)
		// A small batch is applied at once (batch.SyncRows), as on the pages.
		b = decode[batchOut](t, ta.call("POST", path+"/apply", token, map[string]any{"all_or_nothing": false}), http.StatusOK)
		if b.Status != "applied" || b.Applied != 1 {
			t.Fatalf("after apply: %+v", b)
		}
		again := decode[batchOut](t, ta.call("POST", path+"/apply", token, nil), http.StatusOK)
		if again.Applied != 1 {
			t.Errorf("second apply: %+v", again)
		}
		if w := ta.call("GET", path+"/workbook", token, nil); w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("workbook: %d", w.Code)
		}
		// The failed rows alone, as the pages download them: two of three.
		w := ta.call("GET", path+"/failed", token, nil)
		failed, err := batch.Parse(w.Body.Bytes(), shebao.BatchEnroll, shebao.Online, today)
		if w.Code != http.StatusOK || err != nil || len(failed.Rows) != 2 {
			t.Errorf("failed rows: %d %v %d rows", w.Code, err, len(failed.Rows))
		}
		if w := ta.call("GET", path, ta.login("opb"), nil); w.Code != http.StatusNotFound {
			t.Errorf("another unit's operator: %d", w.Code)
		}
		wantError(t, ta.postBatch(token, "enroll", []byte("plain text")), http.StatusBadRequest, "BATCH_NOT_XLSX", "file")
		wantError(t, ta.postBatch(token, "transfer", file), http.StatusBadRequest, "BATCH_UNKNOWN_KIND", "kind")
	})
}
