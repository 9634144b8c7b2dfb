"""`fazhi fix`: the certain, mechanical fixes of fixable rules (`Finding.fix`),
written as Word tracked changes (.docx) or a fixed copy (.txt/.md)."""
