# `terraform test` with a mocked AWS provider: applies the whole configuration offline (no AWS
# account, no credentials: the mock makes up every computed value) and checks what it made.
# Run by infra/test/terraform.test.ts where the AWS provider's binary is available.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    }
  }

  mock_data "aws_ssm_parameter" {
    defaults = {
      value = "ami-0123456789abcdef0"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_secretsmanager_random_password" {
    defaults = {
      random_password = "MockedPassword0123456789MockedPassword01"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_ecr_repository" {
    defaults = {
      repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/warmbox/mock"
      arn            = "arn:aws:ecr:eu-west-1:123456789012:repository/warmbox/mock"
    }
  }

  mock_resource "aws_launch_template" {
    defaults = {
      id             = "lt-0123456789abcdef0"
      latest_version = 1
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/warmbox-prod/server"
    }
  }

  mock_resource "aws_iam_instance_profile" {
    defaults = {
      arn = "arn:aws:iam::123456789012:instance-profile/warmbox-prod-instance"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/warmbox-prod-role"
    }
  }

  mock_resource "aws_autoscaling_group" {
    defaults = {
      arn = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/warmbox-prod"
    }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/wbox-1/0123456789abcdef"
      arn_suffix = "targetgroup/wbox-1/0123456789abcdef"
    }
  }

  mock_resource "aws_lb" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/warmbox-prod/0123456789abcdef"
      arn_suffix = "app/warmbox-prod/0123456789abcdef"
      dns_name   = "warmbox-prod-123.eu-west-1.elb.amazonaws.com"
    }
  }

  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:eu-west-1:123456789012:warmbox-prod-alarms"
    }
  }

  mock_resource "aws_ecs_task_definition" {
    defaults = {
      arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/warmbox-prod-server:1"
    }
  }
}

# What every deploy passes: the exact image tags it pushed. The load balancer faces private
# ranges only, unless a run says otherwise.
variables {
  aws_region        = "eu-west-1"
  alb_ingress_cidrs = ["10.0.0.0/8"]
  server_image_tag  = "0123456789abcdef0123456789abcdef01234567"
  runner_image_tags = {
    python     = "py0123456789"
    javascript = "js0123456789"
    java       = "jv0123456789"
    c          = "c00123456789"
    cpp        = "cp0123456789"
  }
}

run "http_only_for_own_ranges_without_keys" {
  command = apply

  assert {
    condition     = aws_lb_target_group.server.health_check[0].path == "/readyz"
    error_message = "the target group must check the server's readiness route"
  }

  assert {
    condition     = length(aws_lb_listener.https) == 0 && aws_lb_listener.http.default_action[0].type == "forward"
    error_message = "without a certificate: HTTP forwards, no HTTPS listener"
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.alb_https) == 0 && length(aws_vpc_security_group_ingress_rule.alb_http) == 1
    error_message = "without a certificate only port 80 is open"
  }

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_vpc.this) == 1
    error_message = "without vpc_id a VPC with two public subnets is created"
  }

  assert {
    condition     = toset(keys(aws_ecr_repository.runner)) == toset(["python", "javascript", "java", "c", "cpp"])
    error_message = "one ECR repository per runner image"
  }

  assert {
    condition     = one([for v in aws_ecs_task_definition.server.volume : v.host_path if v.name == "docker-socket"]) == "/var/run/docker.sock"
    error_message = "the task mounts the Docker socket"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.server.container_definitions)[0].portMappings[0].containerPort == 8080
    error_message = "the container port is the server's default 8080"
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.instances.user_data), "ECS_CLUSTER=warmbox-prod")
    error_message = "the user data joins the cluster"
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.instances.user_data), "/warmbox/mock:py0123456789")
    error_message = "the user data pre-pulls the runner images from ECR at their exact tags"
  }

  assert {
    condition     = aws_ecr_repository.server.image_tag_mutability == "IMMUTABLE" && alltrue([for repo in aws_ecr_repository.runner : repo.image_tag_mutability == "IMMUTABLE"])
    error_message = "every ECR repository has immutable tags"
  }

  assert {
    condition     = endswith(jsondecode(aws_ecs_task_definition.server.container_definitions)[0].image, ":0123456789abcdef0123456789abcdef01234567")
    error_message = "the task runs the server image at the exact tag given"
  }
}

run "certificate_enables_https_and_redirect" {
  command = apply

  variables {
    certificate_arn     = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    api_keys_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:warmbox-api-keys-AbCdEf"
    vpc_id              = "vpc-0123456789abcdef0"
    public_subnet_ids   = ["subnet-a", "subnet-b"]
    runner_image_tags   = { python = "abc123def456", javascript = "js1", java = "jv1", c = "c1", cpp = "cp1" }
  }

  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.http.default_action[0].type == "redirect"
    error_message = "with a certificate: an HTTPS listener, HTTP redirects"
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
    error_message = "the redirect goes to HTTPS"
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.alb_https) == 1
    error_message = "with a certificate port 443 is open"
  }

  assert {
    condition     = length(aws_vpc.this) == 0 && length(aws_subnet.public) == 0
    error_message = "with vpc_id no VPC is created"
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.instances.user_data), "/warmbox/mock:abc123def456")
    error_message = "a runner image tag from runner_image_tags is pre-pulled"
  }
}

# ---- refusals: each plan below must stop at the named check ----

run "refuses_the_whole_internet_without_api_keys" {
  command = plan

  variables {
    alb_ingress_cidrs = ["0.0.0.0/0"]
  }

  expect_failures = [aws_lb.this]
}

run "refuses_a_whole_internet_range_among_others_without_api_keys" {
  command = plan

  variables {
    alb_ingress_cidrs = ["10.0.0.0/8", "0.0.0.0/0"]
    certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  }

  expect_failures = [aws_lb.this]
}

run "refuses_api_keys_over_plain_http" {
  command = plan

  variables {
    api_keys_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:warmbox-api-keys-AbCdEf"
  }

  expect_failures = [aws_lb_listener.http]
}

run "accepts_api_keys_over_http_when_told_explicitly" {
  command = plan

  variables {
    alb_ingress_cidrs        = ["0.0.0.0/0"]
    api_keys_secret_arn      = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:warmbox-api-keys-AbCdEf"
    allow_api_keys_over_http = true
  }

  assert {
    condition     = length(aws_lb_listener.https) == 0 && aws_lb_listener.http.default_action[0].type == "forward"
    error_message = "keys over HTTP, explicitly allowed: the HTTP listener forwards"
  }
}

run "refuses_latest_as_the_server_image_tag" {
  command = plan

  variables {
    server_image_tag = "latest"
  }

  expect_failures = [var.server_image_tag]
}

run "refuses_latest_as_a_runner_image_tag" {
  command = plan

  variables {
    runner_image_tags = { python = "latest", javascript = "js1", java = "jv1", c = "c1", cpp = "cp1" }
  }

  expect_failures = [var.runner_image_tags]
}

run "refuses_a_deploy_without_a_server_image_tag" {
  command = plan

  variables {
    server_image_tag = null
  }

  expect_failures = [aws_ecs_task_definition.server]
}

run "refuses_a_runner_image_without_a_tag" {
  command = plan

  variables {
    runner_image_tags = { python = "py1", javascript = "js1", java = "jv1", c = "c1" }
  }

  expect_failures = [aws_launch_template.instances]
}

run "database_off_by_default" {
  command = apply

  assert {
    condition     = length(aws_db_instance.this) == 0 && length(aws_subnet.database) == 0 && length(aws_security_group.database) == 0 && length(aws_secretsmanager_secret.database_url) == 0
    error_message = "without enable_database no database, subnet, security group or secret is made"
  }

  assert {
    condition     = !strcontains(aws_ecs_task_definition.server.container_definitions, "WARMBOX_DATABASE_URL")
    error_message = "without enable_database the tasks get no WARMBOX_DATABASE_URL"
  }
}

run "database_on_in_private_subnets_open_to_the_tasks_alone" {
  command = apply

  variables {
    enable_database = true
  }

  assert {
    condition     = length(aws_db_instance.this) == 1 && aws_db_instance.this[0].publicly_accessible == false && aws_db_instance.this[0].storage_encrypted
    error_message = "enable_database makes one encrypted database, not publicly accessible"
  }

  assert {
    condition     = length(aws_subnet.database) == 2 && alltrue([for subnet in aws_subnet.database : !subnet.map_public_ip_on_launch])
    error_message = "the database gets two subnets of its own that assign no public IPs"
  }

  assert {
    condition     = length(aws_route_table.database[0].route) == 0 && alltrue([for association in aws_route_table_association.database : association.route_table_id == aws_route_table.database[0].id])
    error_message = "the database subnets use a route table without routes (private)"
  }

  assert {
    condition     = toset(aws_db_subnet_group.this[0].subnet_ids) == toset(aws_subnet.database[*].id)
    error_message = "the database is placed in the private subnets only"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_instances[0].referenced_security_group_id == aws_security_group.instances.id && aws_vpc_security_group_ingress_rule.database_from_instances[0].cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.database_from_instances[0].from_port == 5432
    error_message = "the database admits PostgreSQL from the tasks' security group, no address range"
  }

  assert {
    condition     = strcontains(aws_ecs_task_definition.server.container_definitions, jsonencode({ name = "WARMBOX_DATABASE_URL", valueFrom = aws_secretsmanager_secret.database_url[0].arn }))
    error_message = "the tasks get WARMBOX_DATABASE_URL from the Secrets Manager secret"
  }

  assert {
    condition     = output.database_url_secret_arn == aws_secretsmanager_secret.database_url[0].arn
    error_message = "the secret's ARN is an output"
  }
}

run "refuses_a_database_in_an_existing_vpc_without_private_subnets" {
  command = plan

  variables {
    enable_database   = true
    vpc_id            = "vpc-0123456789abcdef0"
    public_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }

  expect_failures = [aws_db_subnet_group.this]
}

run "data_directory_on_a_volume_kept_by_the_instance" {
  command = apply

  assert {
    condition     = strcontains(aws_ecs_task_definition.server.container_definitions, jsonencode({ sourceVolume = "warmbox-data", containerPath = "/data", readOnly = false }))
    error_message = "the server's data directory (/data, WARMBOX_DATA_DIR of the image) is a writable mount: the root file system is read-only"
  }

  assert {
    condition     = one([for volume in aws_ecs_task_definition.server.volume : volume.docker_volume_configuration[0].scope if volume.name == "warmbox-data"]) == "shared"
    error_message = "the data volume outlives a task on its instance"
  }
}
