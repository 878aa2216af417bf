package i18n

// Messages of the input rules (shebao.CheckText), the bounded upload reader
// (package sheet) and the last-resort recovery of web and api.
func init() {
	add(
		[3]string{"reason.TEXT_ENCODING", "内容不是有效的文字编码（UTF-8），请重新输入。", "This is not valid text (UTF-8). Please type it again."},
		[3]string{"reason.TEXT_CONTROL", "内容含有不可见的控制字符（%s），请删除后重新输入（可直接重新键入，不要粘贴）。", "This holds an invisible control character (%s). Remove it and type the text again (type it rather than paste it)."},

		[3]string{"reason.UPLOAD_TOO_LARGE", "文件超过 %s，未读取。请删去空行和无关的工作表，或分成几个文件上传。", "The file is larger than %s and was not read. Remove empty rows and other sheets, or split it into several files."},
		[3]string{"reason.UPLOAD_UNPACKED_TOO_LARGE", "文件解压后超过 %s（可能含有大量空白或无关内容），未读取。请把数据复制到新的工作簿后再上传。", "Unpacked, the file is larger than %s (it may hold much blank space or unrelated content) and was not read. Copy the data into a new workbook and upload that."},
		[3]string{"reason.UPLOAD_NOT_READABLE", "文件无法读取：可能已损坏，或不是所要求的格式。请用 Excel 或 WPS 打开后重新保存再上传。", "The file cannot be read: it may be damaged, or not of the required kind. Open it in Excel or WPS, save it again and upload that."},
		[3]string{"reason.UPLOAD_CELL_TOO_LONG", "第 %s 行有单元格超过 %s 个字符，未读取。", "Row %s has a cell longer than %s characters; the file was not read."},
		[3]string{"reason.UPLOAD_ROW_TOO_WIDE", "第 %s 行超过 %s 列，未读取。请删除表格右侧无关的列。", "Row %s has more than %s columns; the file was not read. Delete the unrelated columns on the right."},
		[3]string{"reason.UPLOAD_ROW_TOO_LONG", "第 %s 行内容超过 %s，未读取。", "Row %s holds more than %s of text; the file was not read."},
		[3]string{"reason.UPLOAD_TOO_MANY_ROWS", "数据超过 %s 行，未读取。请分成几个文件上传。", "The sheet has more than %s rows and was not read. Split it into several files."},
		[3]string{"reason.UPLOAD_BUSY", "系统正在处理其他上传的文件，请稍后再试。", "The system is busy reading other uploaded files. Please try again in a moment."},

		[3]string{"error.request_id", "如需咨询，请告知编号 %s。", "If you ask for help, quote reference %s."},
	)
}
