# Least privilege:
#  - the task execution role (the ECS agent, for this task): pull the server image, write its
#    log stream, read the API keys' secret when one is given; nothing else;
#  - the task role (the server process): no permissions at all; the server calls no AWS API;
#  - the instance role: the ECS agent (AmazonEC2ContainerServiceforEC2Role), read-only ECR for
#    the runner images pre-pulled at boot, and SSM Session Manager instead of SSH.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  api_keys_from_ssm = var.api_keys_secret_arn != null && can(regex("^arn:aws[a-z-]*:ssm:", coalesce(var.api_keys_secret_arn, "-")))
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only ECS tasks of this account (confused-deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "task_execution" {
  name               = "${local.name}-task-execution"
  description        = "ECS agent for the Warmbox server task: pull its image, write its logs, read its API keys"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "task_execution" {
  statement {
    sid       = "EcrAuth"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # GetAuthorizationToken has no resource-level permissions.
  }

  statement {
    sid = "PullServerImage"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = [aws_ecr_repository.server.arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.server.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.api_keys_secret_arn == null ? [] : [var.api_keys_secret_arn]

    content {
      sid       = "ReadApiKeys"
      actions   = local.api_keys_from_ssm ? ["ssm:GetParameters"] : ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.enable_database ? [aws_secretsmanager_secret.database_url[0].arn] : []

    content {
      sid       = "ReadDatabaseUrl"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "task_execution" {
  name   = "task-execution"
  role   = aws_iam_role.task_execution.id
  policy = data.aws_iam_policy_document.task_execution.json
}

# The server process's own role: deliberately without any policy.
resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  description        = "Warmbox server process: no AWS permissions (it calls no AWS API)"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "instance" {
  name               = "${local.name}-instance"
  description        = "Warmbox container instances: ECS agent, ECR read, SSM Session Manager"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

resource "aws_iam_role_policy_attachment" "instance" {
  for_each = toset([
    "service-role/AmazonEC2ContainerServiceforEC2Role",
    "AmazonEC2ContainerRegistryReadOnly",
    "AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.instance.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.value}"
}

resource "aws_iam_instance_profile" "instance" {
  name = "${local.name}-instance"
  role = aws_iam_role.instance.name
}
