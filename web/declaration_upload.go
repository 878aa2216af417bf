package web

import (
	"net/http"

	"shebao"
	"shebao/batch"
)

// declarationUpload declares every row of an uploaded workbook
// (POST /declaration/upload, multipart with the field "file"): good rows
// apply, bad rows are listed with their row, column and reason.
func (h *handler) declarationUpload(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newDeclaration(r, u)
	if err != nil {
		return err
	}
	var unitID int64
	if d.Staff {
		if unitID, err = h.declarationUnit(r, u.Actor, &d); err != nil {
			return h.declarationError(w, r, u, d, err)
		}
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		return h.declarationError(w, r, u, d, shebao.Invalid("file", shebao.ReasonRequired))
	}
	defer file.Close()
	res, err := h.svc.Declaration.Upload(r.Context(), u.Actor, unitID, file)
	if err != nil {
		return h.declarationError(w, r, u, d, err)
	}
	return h.renderDeclarationResult(w, r, u, d, res)
}

// declarationTemplate downloads the upload template
// (GET /declaration/template.xlsx): the batch package's declare template,
// the same workbook as GET /batch-templates/declare, which both the
// declaration upload and the declare batch read.
func (h *handler) declarationTemplate(w http.ResponseWriter, r *http.Request, u user) error {
	data, err := batch.Template(shebao.BatchDeclare)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="declaration.xlsx"; filename*=UTF-8''%E5%9F%BA%E6%95%B0%E7%94%B3%E6%8A%A5%E6%A8%A1%E6%9D%BF.xlsx`)
	_, _ = w.Write(data) // the client may have gone
	return nil
}
