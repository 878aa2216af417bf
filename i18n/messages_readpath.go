package i18n

// Messages of the lists whose count stops at a cap (shebao.CountCap).
func init() {
	add(
		[3]string{"pager.info_more", "第 %s 页，共 %s 条以上", "Page %s, more than %s in all"},
	)
}
