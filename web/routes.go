package web

import (
	"net/http"

	"shebao/reqinfo"
)

// routes is the route table: every page and action, public or behind login.
func (h *handler) routes() *http.ServeMux {
	mux := http.NewServeMux()
	public := func(pattern string, fn handlerFunc) { mux.Handle(pattern, routed(h.public(fn))) }
	private := func(pattern string, fn actorFunc) { mux.Handle(pattern, routed(h.private(fn))) }
	// upload: a request that carries a file, or reads a stored one whole
	// (the annotated batch workbooks), enters the uploads' admission first.
	upload := func(pattern string, fn actorFunc) { mux.Handle(pattern, routed(h.upload(fn))) }

	mux.Handle("GET /static/{file}", routed(http.HandlerFunc(h.serveAsset)))
	mux.Handle("GET /favicon.ico", routed(http.HandlerFunc(h.favicon)))
	public("GET /lang", h.switchLang)
	public("GET /kiosk/enroll", h.kioskEnroll)
	public("GET /login", h.loginForm)
	public("POST /login", h.login)
	public("POST /logout", h.logout)
	public("GET /logout-idle", h.logoutIdle)

	private("POST /kiosk/alive", h.kioskAlive)
	private("GET /password", h.passwordForm)
	private("POST /password", h.changePassword)
	private("GET /{$}", h.home)
	private("GET /items/new", h.itemForm)
	private("POST /items/new", h.itemPost)
	private("GET /items", h.items)
	private("GET /items/{id}", h.item)
	private("GET /roster", h.roster)

	// The office's staff pages (office.go): counter, review queue,
	// administration, audit log.
	private("GET /counter", h.counterHome)
	private("GET /counter/units/{id}", h.counterUnit)
	private("GET /counter/units/{id}/items/new", h.counterItemForm)
	private("POST /counter/units/{id}/items/new", h.counterItemPost)
	private("GET /review", h.reviewQueue)
	private("GET /review/{id}", h.reviewItem)
	private("POST /review/{id}", h.reviewDecide)
	private("GET /admin", h.adminHome)
	private("GET /admin/units", h.adminUnits)
	private("GET /admin/units/new", h.adminUnitForm)
	private("POST /admin/units/new", h.adminUnitCreate)
	private("GET /admin/units/{id}", h.adminUnit)
	private("POST /admin/units/{id}/status", h.adminUnitStatus)
	private("POST /admin/units/{id}/operators", h.adminOperatorCreate)
	private("POST /admin/accounts/{id}/reset", h.adminReset)
	private("POST /admin/accounts/{id}/disabled", h.adminDisable)
	private("POST /admin/accounts/{id}/unlock", h.adminUnlock)
	private("POST /admin/accounts/{id}/role", h.adminRole)
	private("GET /admin/staff", h.adminStaff)
	private("POST /admin/staff", h.adminStaffCreate)
	private("GET /admin/terminals", h.adminTerminals)
	private("POST /admin/terminals", h.adminTerminalCreate)
	private("POST /admin/terminals/{code}/secret", h.adminTerminalSecret)
	private("GET /admin/register", h.adminRegister) // going live (admin_register.go)
	upload("POST /admin/register", h.adminRegisterImport)
	upload("POST /admin/register/policies", h.adminRegisterPolicies)
	private("POST /admin/register/letters", h.adminLetters)
	private("GET /admin/register/operators.xlsx", h.adminOperatorsBook)
	private("GET /admin/audit", h.auditLog)
	private("GET /admin/audit/export", h.auditExport)

	// The rest of the unit's catalogue (catalogue.go): retirement
	// pre-review, information changes, proofs, item progress, the ID check.
	public("GET /verify", h.verify)
	private("GET /check-id", h.idCheck)
	private("GET /retirement", h.retireForm)
	private("POST /retirement", h.retirePost)
	private("GET /changes/unit", h.unitChangeForm)
	private("POST /changes/unit", h.unitChangePost)
	private("GET /changes/person", h.personChangeForm)
	private("POST /changes/person", h.personChangePost)
	private("GET /changes/history", h.history)
	private("GET /proofs/new", h.proofNew)
	private("POST /proofs", h.proofPost)
	private("GET /proofs/{code}", h.proofShow)
	private("GET /items/{id}/progress", h.itemProgress)
	private("GET /items/{id}/withdraw", h.withdrawConfirm)
	private("POST /items/{id}/withdraw", h.withdrawItem)
	private("POST /decisions/seen", h.decisionsSeen)

	// Contributions (bill.go, contributions.go, admin_policies.go): amount
	// due, export, contribution history, policy years.
	private("GET /bill", h.bill)
	private("GET /bill/export", h.billExport)
	private("POST /bill/paid", h.billPaid)
	private("POST /bill/backpay-paid", h.billBackpayPaid)
	// Collection (collection.go): the list of a closed month, the result file.
	private("GET /collection", h.collection)
	private("GET /collection/list", h.collectionList)
	mux.Handle("POST /collection/results", h.batchSizeGuard(h.upload(h.collectionResults)))
	// The employees' statements (statement.go, docs/COLLECTION.md).
	private("GET /statement", h.statementPage)
	private("GET /statement/export.xlsx", h.statementExport)
	private("GET /collection/waivers", h.collectionWaivers) // waiver.go: reviewers
	private("POST /collection/waivers", h.collectionWaive)
	private("GET /persons/{id}/contributions", h.contributions)
	private("GET /admin/policies", h.policies)
	private("POST /admin/policies", h.savePolicy)
	upload("POST /admin/policies/import", h.importPolicy)
	private("POST /admin/policies/float", h.setFloat)

	// Base declaration and individual back-pay (declaration*.go, backpay*.go).
	private("GET /declaration", h.declarationForm)
	private("POST /declaration", h.declarationPost)
	upload("POST /declaration/upload", h.declarationUpload)
	private("GET /declaration/template.xlsx", h.declarationTemplate)
	private("GET /declaration/undeclared", h.undeclared)
	private("POST /declaration/undeclared/apply", h.undeclaredApply)
	private("GET /backpay", h.backpayForm)
	private("POST /backpay", h.backpayPost)
	private("GET /backpay/items/{id}", h.backpayItem)

	// Employment registrations and office statistics (employment.go, stats.go).
	private("GET /employment", h.employmentPage)
	upload("POST /employment/import", h.employmentImport)
	private("GET /stats", h.statsPage)
	private("GET /stats/export.xlsx", h.statsExport)

	// Batch work from Excel (batch.go, batch_show.go).
	private("GET /batches", h.batches)
	mux.Handle("POST /batches", h.batchSizeGuard(h.upload(h.batchUpload)))
	private("GET /batch-templates/{kind}", h.batchTemplate)
	private("GET /batches/{id}", h.batchShow)
	private("POST /batches/{id}/apply", h.batchApply)
	upload("GET /batches/{id}/workbook.xlsx", h.batchWorkbook)
	upload("GET /batches/{id}/failed.xlsx", h.batchFailed)

	public("/", h.notFound)
	return mux
}

// routed records the pattern a request matched, for the metrics.
func routed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r)
		next.ServeHTTP(w, r)
	})
}
