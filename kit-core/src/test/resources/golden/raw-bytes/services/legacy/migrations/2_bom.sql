CREATE TABLE IF NOT EXISTS c (id int); -- the mark inside: ﻿
