CREATE TABLE IF NOT EXISTS e (
	id int  
);
