package i18n

// Messages of the item pages: the enrollment, resumption and stop forms,
// their preview, the item page, the item list and the roster (package web).
func init() {
	add(
		[3]string{"type.enroll", "新参保", "New enrollment"},
		[3]string{"type.resume", "续保", "Resumption"},
		[3]string{"type.stop", "停保", "Stop"},

		[3]string{"status.approved", "已办结", "Approved"},
		[3]string{"status.refused", "不予受理", "Refused"},
		[3]string{"status.in_review", "待复核", "In review"},
		[3]string{"status.returned", "已退回", "Returned"},
		[3]string{"status.withdrawn", "已撤回", "Withdrawn"},

		[3]string{"channel.self_service", "大厅自助终端", "Self-service terminal"},
		[3]string{"channel.online", "网上经办", "Online"},
		[3]string{"channel.counter", "窗口", "Counter"},

		[3]string{"stop.resignation", "辞职", "Resignation"},
		[3]string{"stop.dismissal", "解除劳动合同", "Dismissal"},
		[3]string{"stop.death", "死亡", "Death"},
		[3]string{"stop.retirement", "退休", "Retirement"},
		[3]string{"stop.transfer", "转出", "Transfer out"},

		[3]string{"clamp.none", "未调整：按申报工资核定", "Not adjusted: the declared wage is the base"},
		[3]string{"clamp.floor", "低于下限：按缴费基数下限核定", "Below the floor: the base is the floor"},
		[3]string{"clamp.ceiling", "高于上限：按缴费基数上限核定", "Above the ceiling: the base is the ceiling"},

		[3]string{"sex.M", "男", "Male"},
		[3]string{"sex.F", "女", "Female"},

		[3]string{"field.status", "办理状态", "Status"},

		[3]string{"item.new.enroll", "新参保", "New enrollment"},
		[3]string{"item.new.enroll.intro", "填写新职工的身份证号码和月工资，先预览核定结果，确认后提交。", "Enter the new employee's ID number and monthly wage, check the preview, then submit."},
		[3]string{"item.new.resume", "续保", "Resumption"},
		[3]string{"item.new.resume.intro", "填写职工的身份证号码和月工资，先预览核定结果，确认后提交。", "Enter the employee's ID number and monthly wage, check the preview, then submit."},
		[3]string{"item.new.stop", "停保", "Stop"},
		[3]string{"item.new.stop.intro", "填写职工的身份证号码并选择停保原因，先预览，确认后提交。", "Enter the employee's ID number and choose the reason, check the preview, then submit."},
		[3]string{"item.form.credit_hint", "窗口代办：填写参保单位的 18 位统一社会信用代码。", "At the counter: the unit's 18-character unified social credit code."},
		[3]string{"item.form.id_hint", "18 位居民身份证号码，最后一位可以是 X。", "The 18-character resident ID number; the last character may be X."},
		[3]string{"item.form.wage_hint", "单位：元，例如 8000 或 8000.50。", "In yuan, e.g. 8000 or 8000.50."},
		[3]string{"item.form.choose", "请选择", "Please choose"},
		[3]string{"item.form.preview", "下一步：预览", "Next: preview"},
		[3]string{"item.form.cancel", "取消", "Cancel"},

		[3]string{"item.preview.title", "请核对", "Please check"},
		[3]string{"item.preview.refused", "不能办理", "This cannot be handled"},
		[3]string{"item.preview.ok", "核对无误后请点击“确认提交”，提交后立即办结。", "If everything is right, press “Submit”: the item is decided at once."},
		[3]string{"item.preview.submit", "确认提交", "Submit"},
		[3]string{"item.preview.edit", "返回修改", "Back to edit"},

		[3]string{"item.unit", "参保单位", "Unit"},
		[3]string{"item.person", "姓名", "Name"},
		[3]string{"item.person_unknown", "本区无此人员信息", "Not known in the district"},
		[3]string{"item.period", "业务所属期", "Business period"},
		[3]string{"item.last_month", "最后缴费月份", "Last contributed month"},
		[3]string{"item.base", "缴费基数", "Contribution base"},
		[3]string{"item.bounds", "基数上下限", "Base bounds"},
		[3]string{"item.bounds_value", "下限 %s，上限 %s", "floor %s, ceiling %s"},
		[3]string{"item.clamp", "基数核定", "Base decision"},

		[3]string{"item.title", "业务回执", "Item receipt"},
		[3]string{"item.receipt", "受理编号", "Receipt number"},
		[3]string{"item.channel", "办理渠道", "Channel"},
		[3]string{"item.created", "提交时间", "Submitted"},
		[3]string{"item.decision", "办理结果", "Decision"},
		[3]string{"item.decision.done", "已办结，结果见上方业务信息。", "Done: see the details above."},
		[3]string{"item.decision.enroll", "自 %s 起按缴费基数 %s 参保缴费。", "Insured from %s with a contribution base of %s."},
		[3]string{"item.decision.stop", "已停保，最后缴费月份为 %s。", "Stopped; the last contributed month is %s."},
		[3]string{"item.print_hint", "如需纸质回执，请使用浏览器的打印功能。", "For a paper receipt, use the browser's print function."},
		[3]string{"item.back", "我的业务", "My items"},

		[3]string{"items.title", "我的业务", "My items"},
		[3]string{"items.all", "全部", "All"},
		[3]string{"items.filter", "筛选", "Filter"},
		[3]string{"items.none", "没有符合条件的业务。", "No items match."},
		[3]string{"pager.prev", "上一页", "Previous"},
		[3]string{"pager.next", "下一页", "Next"},
		[3]string{"pager.info", "第 %s / %s 页，共 %s 条", "Page %s of %s, %s in all"},

		[3]string{"roster.title", "参保人员名册", "Insured employees"},
		[3]string{"roster.search", "查询", "Search"},
		[3]string{"roster.search_hint", "姓名或身份证号码片段", "Name or part of the ID number"},
		[3]string{"roster.submit", "查询", "Search"},
		[3]string{"roster.name", "姓名", "Name"},
		[3]string{"roster.sex", "性别", "Sex"},
		[3]string{"roster.birth", "出生日期", "Birth date"},
		[3]string{"roster.first_period", "参保起始月", "Insured since"},
		[3]string{"roster.none", "没有符合条件的在保人员。", "No insured employees match."},
		[3]string{"roster.staff_hint", "请填写参保单位的统一社会信用代码后查询。", "Enter the unit's unified social credit code to search."},
	)
}
