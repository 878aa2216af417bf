package i18n

// Messages of the wiring between the services (package services): the
// audit log's names of actions audited since the services were built once.
func init() {
	add(
		[3]string{"office.audit.action.batch.upload", "批量上传", "Batch uploaded"},
	)
}
