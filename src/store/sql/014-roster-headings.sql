-- 015: the roster as the notice writes it.
--
-- heading: the group's heading word for word, with the notice's own
-- numbering and the other names in its brackets ("(一)综合协调组(疫情处置专班
-- 综合协调组)"; the leadership group's full name); '' shows the name.
-- section: the heading of the part of the notice the group is in
-- ("一、工作组组成及职责任务"), shown once before its first group.
-- succession: the sentence of the notice that says who succeeds the group's
-- people ("以上成员如有变动,由所在办(中心)接任人员自然更替。").
-- The shipped organisation fills them (desk.c, part 'seeded_headings').
ALTER TABLE grp ADD COLUMN heading TEXT NOT NULL DEFAULT '';
ALTER TABLE grp ADD COLUMN section TEXT NOT NULL DEFAULT '';
ALTER TABLE grp ADD COLUMN succession TEXT NOT NULL DEFAULT '';
