-- madoguchi schema, version 7: one rule for the space between family and given name — one
-- half-width space, whichever the desk typed (the full-width space Japanese input gives,
-- or several). Names and furigana stored before the rule are brought in line; the search
-- keys ignore spaces and are unchanged.

UPDATE members
SET name = trim(replace(replace(replace(name, char(12288), ' '), '   ', ' '), '  ', ' ')),
    kana = trim(replace(replace(replace(kana, char(12288), ' '), '   ', ' '), '  ', ' '))
WHERE instr(name, char(12288)) > 0 OR instr(kana, char(12288)) > 0
   OR instr(name, '  ') > 0 OR instr(kana, '  ') > 0;
