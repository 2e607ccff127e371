# The network: an existing VPC (vpc_id + subnets), or a small one made here with two public
# subnets in two availability zones and no NAT gateway (its ~$33/month is most of a small
# deployment's bill). Instances in public subnets get public IPs for egress to ECR/ECS/SSM, yet
# accept nothing from the internet: their security group admits only the load balancer.

locals {
  create_vpc          = var.vpc_id == null
  vpc_id              = local.create_vpc ? aws_vpc.this[0].id : var.vpc_id
  public_subnet_ids   = local.create_vpc ? aws_subnet.public[*].id : var.public_subnet_ids
  instance_subnet_ids = length(var.instance_subnet_ids) > 0 ? var.instance_subnet_ids : local.public_subnet_ids
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  count = local.create_vpc ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

resource "aws_internet_gateway" "this" {
  count = local.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = { Name = local.name }
}

resource "aws_subnet" "public" {
  count = local.create_vpc ? 2 : 0

  vpc_id                  = aws_vpc.this[0].id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  map_public_ip_on_launch = true

  tags = { Name = "${local.name}-public-${data.aws_availability_zones.available.names[count.index]}" }
}

resource "aws_route_table" "public" {
  count = local.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this[0].id
  }

  tags = { Name = "${local.name}-public" }
}

resource "aws_route_table_association" "public" {
  count = local.create_vpc ? 2 : 0

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public[0].id
}

# ---- security groups: only the ALB's listeners face the internet ----

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Warmbox load balancer: HTTP/HTTPS from the allowed ranges, out to the instances only"
  vpc_id      = local.vpc_id

  tags = { Name = "${local.name}-alb" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  for_each = toset(var.alb_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP listener (redirects to HTTPS when a certificate is set)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = local.https_enabled ? toset(var.alb_ingress_cidrs) : toset([])

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS listener"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_instances" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the server tasks' dynamic host ports"
  referenced_security_group_id = aws_security_group.instances.id
  ip_protocol                  = "tcp"
  from_port                    = local.ephemeral_port_from
  to_port                      = local.ephemeral_port_to
}

resource "aws_security_group" "instances" {
  name        = "${local.name}-instances"
  description = "Warmbox container instances: in from the load balancer only; out for ECR, ECS, SSM, logs"
  vpc_id      = local.vpc_id

  tags = { Name = "${local.name}-instances" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "instances_from_alb" {
  security_group_id            = aws_security_group.instances.id
  description                  = "Server tasks' dynamic host ports, from the load balancer only"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = local.ephemeral_port_from
  to_port                      = local.ephemeral_port_to
}

resource "aws_vpc_security_group_egress_rule" "instances_https" {
  security_group_id = aws_security_group.instances.id
  description       = "HTTPS out: ECR, ECS, SSM, CloudWatch Logs endpoints"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "instances_dns_udp" {
  security_group_id = aws_security_group.instances.id
  description       = "DNS (the VPC resolver)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
}

resource "aws_vpc_security_group_egress_rule" "instances_http" {
  security_group_id = aws_security_group.instances.id
  description       = "HTTP out: the OS's package mirrors (dnf updates at boot)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}
