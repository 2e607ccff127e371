# Optional PostgreSQL for the submissions (enable_database = true), shared by every server task
# so that any of them runs queued work and answers for it. It lives in private subnets (no route
# out), reachable on its port from the container instances' security group alone (the tasks run
# there in bridge mode). Its URL reaches the tasks from Secrets Manager as WARMBOX_DATABASE_URL.
# The password is drawn by Secrets Manager and written to RDS and to the secret through
# write-only attributes, only when database_password_version changes (a new draw every plan is
# ignored otherwise). The draw is a data source, so the state holds it like any generated
# password: keep the state bucket private. (An ephemeral resource would keep it out of the state,
# but Terraform's test mocks can't stand in for one yet.)

locals {
  database_port = 5432
  database_name = "warmbox"
  database_user = "warmbox"
  # A bump of this number makes a new password (written to RDS and the secret together).
  database_password_version = 1
  database_subnet_ids       = !var.enable_database ? [] : local.create_vpc ? aws_subnet.database[*].id : var.database_subnet_ids
}

resource "aws_subnet" "database" {
  count = var.enable_database && local.create_vpc ? 2 : 0

  vpc_id                  = aws_vpc.this[0].id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, 2 + count.index)
  map_public_ip_on_launch = false

  tags = { Name = "${local.name}-database-${data.aws_availability_zones.available.names[count.index]}" }
}

# No routes but the VPC's own: nothing in these subnets reaches or is reached from outside.
resource "aws_route_table" "database" {
  count = var.enable_database && local.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = { Name = "${local.name}-database" }
}

resource "aws_route_table_association" "database" {
  count = var.enable_database && local.create_vpc ? 2 : 0

  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database[0].id
}

resource "aws_db_subnet_group" "this" {
  count = var.enable_database ? 1 : 0

  name       = "${local.name}-database"
  subnet_ids = local.database_subnet_ids

  lifecycle {
    precondition {
      condition     = length(local.database_subnet_ids) >= 2
      error_message = "enable_database with vpc_id needs database_subnet_ids: at least two private subnets in different AZs."
    }
  }
}

resource "aws_security_group" "database" {
  count = var.enable_database ? 1 : 0

  name        = "${local.name}-database"
  description = "Warmbox PostgreSQL: in from the container instances (the server tasks) only"
  vpc_id      = local.vpc_id

  tags = { Name = "${local.name}-database" }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_instances" {
  count = var.enable_database ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "PostgreSQL from the server tasks"
  referenced_security_group_id = aws_security_group.instances.id
  ip_protocol                  = "tcp"
  from_port                    = local.database_port
  to_port                      = local.database_port
}

resource "aws_vpc_security_group_egress_rule" "instances_to_database" {
  count = var.enable_database ? 1 : 0

  security_group_id            = aws_security_group.instances.id
  description                  = "PostgreSQL (the submissions database)"
  referenced_security_group_id = aws_security_group.database[0].id
  ip_protocol                  = "tcp"
  from_port                    = local.database_port
  to_port                      = local.database_port
}

data "aws_secretsmanager_random_password" "database" {
  count = var.enable_database ? 1 : 0

  password_length     = 40
  exclude_punctuation = true # URL-safe as it is
}

resource "aws_db_instance" "this" {
  count = var.enable_database ? 1 : 0

  identifier            = "${local.name}-submissions"
  engine                = "postgres"
  engine_version        = var.database_engine_version
  instance_class        = var.database_instance_class
  allocated_storage     = var.database_allocated_storage_gb
  max_allocated_storage = var.database_allocated_storage_gb * 4
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name             = local.database_name
  username            = local.database_user
  password_wo         = data.aws_secretsmanager_random_password.database[0].random_password
  password_wo_version = local.database_password_version

  db_subnet_group_name   = aws_db_subnet_group.this[0].name
  vpc_security_group_ids = [aws_security_group.database[0].id]
  publicly_accessible    = false
  multi_az               = var.database_multi_az

  backup_retention_period    = 7
  deletion_protection        = var.database_deletion_protection
  final_snapshot_identifier  = "${local.name}-submissions-final"
  auto_minor_version_upgrade = true
}

resource "aws_secretsmanager_secret" "database_url" {
  count = var.enable_database ? 1 : 0

  name_prefix = "${local.name}/database-url-"
  description = "WARMBOX_DATABASE_URL of the Warmbox server tasks"
}

resource "aws_secretsmanager_secret_version" "database_url" {
  count = var.enable_database ? 1 : 0

  secret_id = aws_secretsmanager_secret.database_url[0].id
  # RDS requires TLS; no-verify encrypts without checking the certificate against the RDS CA
  # (the connection never leaves the VPC).
  secret_string_wo         = "postgres://${local.database_user}:${data.aws_secretsmanager_random_password.database[0].random_password}@${aws_db_instance.this[0].address}:${local.database_port}/${local.database_name}?sslmode=no-verify"
  secret_string_wo_version = local.database_password_version
}
